"""Issue 14, item 4: credentials in free text and in lines that are no audit record never reach any output.

Each reproducer of the issue, through every output of this library (see
``outputs.py``): structlog with each renderer and profile, the stdlib filter
with each formatter, OpenTelemetry's log records and span events from both
paths, and the interaction decorator.
"""

from __future__ import annotations

import base64
import json

import pytest

from audit_logging import Redactor
from outputs import JSON_OUTPUTS, MULTILINE_OUTPUTS, OUTPUTS, Call, strict_json, written


def _b64(data: dict[str, object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


JWT = f"{_b64({'alg': 'RS256', 'kid': 'k1'})}.{_b64({'sub': 'u-1', 'aud': 'app'})}.SIGNATUREqz8Jw7Lk2Xv0"
SECRETS = {
    "code": "SECRETcodeAbc123",
    "client_secret": "SECRETclientXyz789",
    "access_token": "SECRETaccessTok456",
    "bearer": "SECRETbearerToken0042",
    "password": "SECRETpasswordHunter2",
    "cookie": "SECRETsessionCookie77",
}

CALLS = {
    "a URL with code, client_secret and access_token in the message": Call(
        "callback GET /callback?code={code}&state=s1&client_secret={client_secret}&access_token={access_token}".format(
            **SECRETS
        )
    ),
    "a JWT in the message": Call(f"token issued: {JWT}"),
    "Authorization: Bearer in an exception's message": Call(
        "upstream call failed", error=PermissionError(f"refused, sent Authorization: Bearer {SECRETS['bearer']}")
    ),
    "password= in an exception's message": Call(
        "sign-in failed", error=ValueError(f"login failed password={SECRETS['password']} user=alice")
    ),
    "a URL with a code as a field's value": Call(
        "redirected", {"redirect_to": f"https://app.example/cb?code={SECRETS['code']}&state=s1"}
    ),
    "a header block as a field's value": Call(
        "proxied", {"raw_headers": f"Host: api\r\nCookie: sid={SECRETS['cookie']}; theme=dark\r\nAccept: */*"}
    ),
    "password= in a plain line's field": Call("plain", {"password": SECRETS["password"]}, audit=False),
    "a URL in a plain line's message": Call(
        "GET /callback?code={code}&client_secret={client_secret}".format(**SECRETS), audit=False
    ),
    "Bearer in a plain line's exception": Call(
        "plain failure", audit=False, error=RuntimeError(f"Authorization: Bearer {SECRETS['bearer']}")
    ),
}

PLANTED = (*SECRETS.values(), JWT, JWT.rsplit(".", 1)[-1])


@pytest.mark.parametrize("output", sorted(OUTPUTS))
@pytest.mark.parametrize("case", sorted(CALLS))
def test_no_planted_credential_reaches_the_output(output: str, case: str) -> None:
    call = CALLS[case]
    out = written(output, call)
    text, lines = out.text, out.lines
    # The mask shows the credential was met and masked, except where the output writes no such part:
    # logging's own format shows no fields, and AuditOTelHandler sends audit records only.
    shown = not (output == "stdlib logging.Formatter" and call.fields) and (call.audit or "OTelHandler" not in output)
    if shown:
        assert "******" in text, "the credential was not masked where it was: the test would prove nothing"
    for secret in PLANTED:
        assert secret not in text
    for line in out.exported:
        strict_json(line)
    if output in JSON_OUTPUTS:
        for line in lines:
            strict_json(line)
    if output not in MULTILINE_OUTPUTS or call.error is None:
        assert len(lines) == (0 if output == "stdlib AuditOTelHandler" else 1)


def test_every_output_is_driven() -> None:
    """The outputs above are each entry point the issue names."""
    assert len(OUTPUTS) >= 15


class TestFreeText:
    """The shapes Redactor.redact_text recognises, and what it leaves."""

    redactor = Redactor(pseudonymize=["email"], pseudonym_key="k")

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "GET /cb?code=abc&state=xyz&client_secret=s3&access_token=t#f",
                "GET /cb?code=******&state=xyz&client_secret=******&access_token=******#f",
            ),
            ("login failed password=hunter2 for alice", "login failed password=****** for alice"),
            (
                'body {"password": "hun\\"ter2", "username": "alice"}',
                'body {"password": "******", "username": "alice"}',
            ),
            ("{'client_assertion': 'eyX', 'a': 1}", "{'client_assertion': '******', 'a': 1}"),
            ("Authorization: Bearer abc.def\nHost: h", "Authorization: ******\\nHost: h"),
            ("Cookie: sid=1; theme=dark", "Cookie: ******"),
            ("sent Bearer abcdefghijklmnop onwards", "sent Bearer ****** onwards"),
            ("Basic dXNlcjpwYXNzd29yZA==", "Basic ******"),
            (f"id {JWT} end", "id ****** end"),
            ("postgres://app:s3cret@db.internal/app", "postgres://app:******@db.internal/app"),
            ("password.value=x1 pwd=x2 passphrase=x3", "password.value=****** pwd=****** passphrase=******"),
            ("email=Ann@Example.com ok", "email=hmac-sha256:812b5e65283998e47b49528ef531aea6 ok"),
        ],
    )
    def test_masked(self, text: str, expected: str) -> None:
        assert self.redactor.redact_text(text) == expected

    @pytest.mark.parametrize(
        "text",
        [
            "error code: session.not_found",  # an error's code, in prose: kept (a code= pair is masked)
            "x = 1, state=abc",
            "Basic auth failed",  # a scheme without credentials of its length
            "see https://example.com/a:b@c",  # no user information: the colon is in the path
            "password=",  # nothing to mask
            "a: b: c",
            "my password is hunter2",  # no recognisable shape: out of reach, and said so in the README
        ],
    )
    def test_kept(self, text: str) -> None:
        assert self.redactor.redact_text(text) == text

    def test_many_pairs_take_one_pass(self) -> None:
        """No recursion: a text of two thousand pairs (past Python's recursion limit) is scanned in one loop."""
        text = "a: " * 2_000 + "password=x"
        assert self.redactor.redact_text(text).endswith("password=******")
