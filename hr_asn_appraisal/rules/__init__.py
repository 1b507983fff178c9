"""Plain-Python business rules of the ASN appraisal (no Odoo import).

Kept free of ORM dependencies so that they can be tested and reused on their
own; the models call into these modules.
"""
