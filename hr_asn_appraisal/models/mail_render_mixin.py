from contextlib import nullcontext

from odoo import models


class MailRenderMixin(models.AbstractModel):
    """Mail templates follow the confidentiality policy: a template rendered
    for a user (or, as superuser, for the audience in the context) from whom
    a document withholds its confidential values renders them empty."""

    _inherit = "mail.render.mixin"

    def _render_template(
        self,
        template_src,
        model,
        res_ids,
        engine="inline_template",
        add_context=None,
        options=None,
    ):
        Model = self.env[model] if model in self.env else None
        withheld = (
            Model.browse(res_ids)._asn_withheld()
            if res_ids and hasattr(Model, "_asn_withheld")
            else None
        )
        with withheld._asn_redacted() if withheld else nullcontext():
            return super()._render_template(
                template_src,
                model,
                res_ids,
                engine=engine,
                add_context=add_context,
                options=options,
            )
