from odoo import fields, models

from . import hr_asn_siasn_connector as connector

SYSTEM = "base.group_system"


class ResConfigSettings(models.TransientModel):
    """The connection to BKN's SIASN (Settings > Employees > SIASN):
    administrators only, stored as system parameters (never in the
    repository, never in logs or chatter)."""

    _inherit = "res.config.settings"

    hr_asn_siasn_base_url = fields.Char(
        string="SIASN API URL",
        config_parameter=connector.PARAM_BASE_URL,
        groups=SYSTEM,
        help="The address the SIASN paths are appended to, e.g. "
        "https://apimws.bkn.go.id:8243/apisiasn/1.0",
    )
    hr_asn_siasn_token_url = fields.Char(
        string="SIASN Token URL",
        config_parameter=connector.PARAM_TOKEN_URL,
        groups=SYSTEM,
        help="The OAuth2 token endpoint (client credentials).",
    )
    hr_asn_siasn_client_id = fields.Char(
        string="SIASN Client ID",
        config_parameter=connector.PARAM_CLIENT_ID,
        groups=SYSTEM,
    )
    hr_asn_siasn_client_secret = fields.Char(
        string="SIASN Client Secret",
        config_parameter=connector.PARAM_CLIENT_SECRET,
        groups=SYSTEM,
    )
    hr_asn_siasn_skp_path = fields.Char(
        string="SKP Path",
        config_parameter=connector.PARAM_SKP_PATH,
        default=connector.DEFAULTS[connector.PARAM_SKP_PATH],
        groups=SYSTEM,
    )
    hr_asn_siasn_periodic_path = fields.Char(
        string="Periodic Result Path",
        config_parameter=connector.PARAM_PERIODIC_PATH,
        default=connector.DEFAULTS[connector.PARAM_PERIODIC_PATH],
        groups=SYSTEM,
    )
