import logging
import time

import requests

from odoo import api, models

from ..rules import siasn as siasn_rules

_logger = logging.getLogger(__name__)

# System parameters (Settings > Technical > System Parameters, or the SIASN
# block of the Employees settings). ir.config_parameter is readable by
# administrators (base.group_system) only: the credentials and the cached
# token are never in the repository, in logs or in chatter.
PARAM = "hr_asn_appraisal.siasn_"
PARAM_BASE_URL = PARAM + "base_url"
PARAM_TOKEN_URL = PARAM + "token_url"
PARAM_CLIENT_ID = PARAM + "client_id"
PARAM_CLIENT_SECRET = PARAM + "client_secret"
PARAM_ACCESS_TOKEN = PARAM + "access_token"
PARAM_TOKEN_EXPIRES = PARAM + "token_expires"
PARAM_SKP_PATH = PARAM + "skp_path"
PARAM_PERIODIC_PATH = PARAM + "periodic_path"
PARAM_TIMEOUT = PARAM + "timeout"
PARAM_MAX_ATTEMPTS = PARAM + "max_attempts"
PARAM_RETRY_BASE = PARAM + "retry_base"
PARAM_BATCH_SIZE = PARAM + "batch_size"
# Written by the connector only (the token cache).
TOKEN_PARAMS = (PARAM_ACCESS_TOKEN, PARAM_TOKEN_EXPIRES)
DEFAULTS = {
    PARAM_SKP_PATH: "skp22/save",
    PARAM_PERIODIC_PATH: "kinerjaperiodik/save",
    PARAM_TIMEOUT: "30",
    PARAM_MAX_ATTEMPTS: "6",
    PARAM_RETRY_BASE: "60",
    PARAM_BATCH_SIZE: "50",
}
# A token is renewed this many seconds before SIASN says it expires.
TOKEN_MARGIN = 60
# Without expires_in in the token answer, the token is kept this long.
TOKEN_DEFAULT_LIFETIME = 3600

KIND_SKP = "skp"
KIND_PERIODIC = "periodic"


class HrAsnSiasnConnector(models.AbstractModel):
    """The HTTP side of sending to BKN's SIASN: settings, the access token,
    one POST and what its answer means (``rules.siasn.classify_answer``).

    Used by the scheduled action only (``hr.asn.siasn.sync``), as superuser:
    nobody calls it from a screen.
    """

    _name = "hr.asn.siasn.connector"
    _description = "SIASN Connector"

    @api.model
    def _get_config(self):
        """The connection settings, read once per batch (sudo: the
        parameters are administrators' only)."""
        get = self.env["ir.config_parameter"].sudo().get_param

        def value(key):
            return (get(key) or DEFAULTS.get(key) or "").strip()

        def number(key, kind=int):
            try:
                return kind(value(key))
            except ValueError:
                return kind(DEFAULTS[key])

        return {
            "base_url": value(PARAM_BASE_URL).rstrip("/"),
            "token_url": value(PARAM_TOKEN_URL),
            "client_id": value(PARAM_CLIENT_ID),
            "client_secret": value(PARAM_CLIENT_SECRET),
            "paths": {
                KIND_SKP: value(PARAM_SKP_PATH).strip("/"),
                KIND_PERIODIC: value(PARAM_PERIODIC_PATH).strip("/"),
            },
            "timeout": max(number(PARAM_TIMEOUT, float), 0.1),
            "max_attempts": max(number(PARAM_MAX_ATTEMPTS), 1),
            "retry_base": max(number(PARAM_RETRY_BASE), 0),
            "batch_size": max(number(PARAM_BATCH_SIZE), 1),
        }

    @api.model
    def _is_configured(self, config=None):
        config = config or self._get_config()
        return all(
            config[key]
            for key in ("base_url", "token_url", "client_id", "client_secret")
        )

    # ------------------------------------------------------------------
    # The access token
    # ------------------------------------------------------------------
    @api.model
    def _get_token(self, config, force=False):
        """The cached access token, or a new one from the token endpoint
        (OAuth2 client credentials) when there is none, it is about to
        expire or ``force``. Returns ``(token, None)`` or ``(None, Answer)``
        saying why there is none (RETRY: try later; REFUSED: the client id
        or secret is wrong)."""
        params = self.env["ir.config_parameter"].sudo()
        if not force:
            token = params.get_param(PARAM_ACCESS_TOKEN)
            try:
                expires = float(params.get_param(PARAM_TOKEN_EXPIRES) or 0)
            except ValueError:
                expires = 0
            if token and expires > time.time() + TOKEN_MARGIN:
                return token, None
        try:
            response = requests.post(
                config["token_url"],
                data={"grant_type": "client_credentials"},
                auth=(config["client_id"], config["client_secret"]),
                timeout=config["timeout"],
            )
        except requests.Timeout:
            return None, siasn_rules.Answer(siasn_rules.RETRY, reason="token_timeout")
        except requests.RequestException:
            return None, siasn_rules.Answer(
                siasn_rules.RETRY, reason="token_unreachable"
            )
        status = response.status_code
        if status >= 500 or status in (408, 429):
            return None, siasn_rules.Answer(
                siasn_rules.RETRY, reason="token_unavailable", status=status
            )
        answer = siasn_rules.classify_answer(status, response.text)
        if status >= 400:
            return None, siasn_rules.Answer(
                siasn_rules.REFUSED,
                message=answer.message,
                reason="token_refused",
                status=status,
            )
        try:
            body = response.json()
            token = str(body["access_token"]).strip()
            lifetime = float(body.get("expires_in") or TOKEN_DEFAULT_LIFETIME)
        except (ValueError, KeyError, TypeError, AttributeError):
            token, lifetime = "", 0
        if not token:
            return None, siasn_rules.Answer(siasn_rules.RETRY, reason="token_malformed")
        params.set_param(PARAM_ACCESS_TOKEN, token)
        params.set_param(PARAM_TOKEN_EXPIRES, str(int(time.time() + lifetime)))
        return token, None

    # ------------------------------------------------------------------
    # One send
    # ------------------------------------------------------------------
    @api.model
    def _post(self, config, kind, payload):
        """POST one payload to SIASN; the Answer says what happened. A 401
        (expired or revoked token) fetches a new token once and sends again.
        Never raises for what the network or SIASN does."""
        url = f"{config['base_url']}/{config['paths'][kind]}"
        answer = None
        for fresh in (False, True):
            token, problem = self._get_token(config, force=fresh)
            if problem:
                return problem
            try:
                response = requests.post(
                    url,
                    json=payload,
                    headers={
                        "Authorization": f"Bearer {token}",
                        "Accept": "application/json",
                    },
                    timeout=config["timeout"],
                )
            except requests.Timeout:
                return siasn_rules.Answer(siasn_rules.RETRY, reason="timeout")
            except requests.RequestException:
                return siasn_rules.Answer(siasn_rules.RETRY, reason="unreachable")
            answer = siasn_rules.classify_answer(response.status_code, response.text)
            if answer.outcome != siasn_rules.REAUTH:
                return answer
        _logger.warning("SIASN refused a freshly issued access token (HTTP 401).")
        return siasn_rules.Answer(
            siasn_rules.REFUSED,
            message=answer.message,
            reason="unauthorized",
            status=401,
        )
