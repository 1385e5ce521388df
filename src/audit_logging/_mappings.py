"""How each catalog event is classified in ECS and in OCSF: data, reviewed event by event.

Every event is assigned one of the named classifications below, by what the
event means in Logto's flows (the catalog's name and Logto's server), not by
the shape of its key: a ``Verification.Totp.Create`` creates a secret to bind
MFA in one flow and nothing else, a ``Verification.WebAuthn.Create`` starts an
authentication. ``tests/test_mappings.py`` fails when an event has no
classification, and checks every value against ECS's published definitions
(``event.category`` and the ``event.type`` values it allows) and against the
OCSF schema shipped by pydantic-ocsf (class, activity, captions).

OCSF has no activities for OAuth itself; the token endpoint's grants are
classified the way OCSF's own Kerberos activities are meant: an access token
for a client is a service ticket (``Service Ticket Request``), a refresh is a
renewal (``Service Ticket Renew``), and a SAML assertion for a service
provider is a service ticket too. Revoking a grant or a token ends the
client's authenticated session (``Logoff``). Steps of an interaction before
the user is signed in (creating it, identifying the user, verifying a
credential or a factor) are ``Preauth``; the sign-in itself is ``Logon``.
Registration steps and MFA enrolment steps change an account in the making:
``Account Change`` with activity ``Other`` (named after the event), until the
account is created (``Create``), a factor is bound (``MFA Factor Enable``) or a
password is reset (``Password Reset``).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from audit_logging._catalog_data import EventKey as K

__all__ = ["MAPPINGS", "EcsMapping", "OcsfMapping"]

# OCSF 1.7.0 captions of the ids used here; the tests compare them with the schema.
OCSF_CATEGORY_NAMES: Final = {0: "Uncategorized", 3: "Identity & Access Management"}
OCSF_CLASSES: Final[dict[int, tuple[str, dict[int, str]]]] = {
    0: ("Base Event", {99: "Other"}),
    3001: ("Account Change", {1: "Create", 4: "Password Reset", 10: "MFA Factor Enable", 99: "Other"}),
    3002: (
        "Authentication",
        {1: "Logon", 2: "Logoff", 4: "Service Ticket Request", 5: "Service Ticket Renew", 6: "Preauth", 99: "Other"},
    ),
}
OCSF_SEVERITIES: Final = {1: "Informational", 2: "Low", 3: "Medium", 4: "High", 5: "Critical"}
OCSF_STATUSES: Final = {1: "Success", 2: "Failure"}
OCSF_AUTH_PROTOCOLS: Final = {5: "SAML", 6: "OAUTH 2.0"}
OTHER: Final = 99
SUCCESS: Final = 1
FAILURE: Final = 2
INFORMATIONAL: Final = 1


@dataclass(frozen=True, slots=True)
class EcsMapping:
    """An event's ECS categorization: ``event.kind``, ``event.category`` and ``event.type`` (both arrays in ECS)."""

    category: tuple[str, ...]
    type: tuple[str, ...]
    kind: str = "event"

    def describe(self, action: str) -> dict[str, object]:
        """The ECS fields of an event with this key (``action``), by ECS name; the outcome is the record's."""
        return {
            "event.kind": self.kind,
            "event.category": list(self.category),
            "event.type": list(self.type),
            "event.action": action,
            "event.outcome": {"success": "success", "failure": "failure"},
        }


# Base Event: what a key the catalog does not know is.
BASE_EVENT: Final = 0


@dataclass(frozen=True, slots=True)
class OcsfMapping:
    """An event's OCSF class and activity, the severity of a failure, and the protocol where the event implies one.

    A success is ``Informational``; ``failure_severity_id`` is the severity of a
    failed attempt (``Medium`` where a failure is a failed sign-in, credential
    check or password reset, the signals a security team watches).
    """

    class_uid: int
    activity_id: int
    failure_severity_id: int = 2
    auth_protocol_id: int | None = None

    @property
    def category_uid(self) -> int:
        """The OCSF category: 3 (Identity & Access Management) for every catalog event, 0 for Base Event."""
        return self.class_uid // 1000

    @property
    def type_uid(self) -> int:
        """``class_uid * 100 + activity_id``, as OCSF defines it."""
        return self.class_uid * 100 + self.activity_id

    @property
    def class_name(self) -> str:
        """The class's caption."""
        return OCSF_CLASSES[self.class_uid][0]

    def activity_name(self, event_name: str) -> str:
        """The activity's caption; for ``Other`` (99), the event's own name, as OCSF asks of a source."""
        if self.activity_id == OTHER:
            return event_name
        return OCSF_CLASSES[self.class_uid][1][self.activity_id]

    def classification(self, event_name: str) -> dict[str, object]:
        """The OCSF attributes every record of the event has: category, class, activity, type, protocol."""
        activity = self.activity_name(event_name)
        out: dict[str, object] = {
            "category_uid": self.category_uid,
            "category_name": OCSF_CATEGORY_NAMES[self.category_uid],
            "class_uid": self.class_uid,
            "class_name": self.class_name,
            "activity_id": self.activity_id,
            "activity_name": activity,
            "type_uid": self.type_uid,
            "type_name": f"{self.class_name}: {activity}",
        }
        if self.auth_protocol_id is not None:
            out["auth_protocol_id"] = self.auth_protocol_id
            out["auth_protocol"] = OCSF_AUTH_PROTOCOLS[self.auth_protocol_id]
        return out

    def describe(self, event_name: str) -> dict[str, object]:
        """The classification, and the status and severity of a success and of a failure."""
        return {
            **self.classification(event_name),
            "status_id": {"success": SUCCESS, "failure": FAILURE},
            "severity_id": {"success": INFORMATIONAL, "failure": self.failure_severity_id},
        }


_OAUTH: Final = 6
_SAML: Final = 5

# ECS: authentication, with a session begun or ended where one is.
_AUTH_INFO: Final = EcsMapping(("authentication",), ("info",))
_IAM_USER_INFO: Final = EcsMapping(("iam",), ("user", "info"))
_IAM_USER_CHANGE: Final = EcsMapping(("iam",), ("user", "change"))

# The user is signed in: a session begins.
LOGON: Final = (EcsMapping(("authentication", "session"), ("start",)), OcsfMapping(3002, 1, 3))
# A step before sign-in that checks nothing secret: starting, updating, identifying, sending a code, a CAPTCHA.
PREAUTH_STEP: Final = (_AUTH_INFO, OcsfMapping(3002, 6))
# A credential or factor checked: password, code, TOTP, WebAuthn, backup code, social or SSO result, passkey, token.
CREDENTIAL_CHECK: Final = (_AUTH_INFO, OcsfMapping(3002, 6, 3))
# The interaction itself begins and ends (it is not a session).
INTERACTION_START: Final = (EcsMapping(("authentication",), ("start",)), OcsfMapping(3002, 6))
INTERACTION_END: Final = (EcsMapping(("authentication",), ("end",)), OcsfMapping(3002, OTHER))
# Authentication-time work with no OCSF activity: Actions after sign-in, custom token claims.
AUTH_OTHER: Final = (_AUTH_INFO, OcsfMapping(3002, OTHER))
# The token endpoint: a token issued to a client, renewed, or an unknown grant.
TOKEN_ISSUE: Final = (_AUTH_INFO, OcsfMapping(3002, 4, 3, _OAUTH))
TOKEN_RENEW: Final = (_AUTH_INFO, OcsfMapping(3002, 5, 3, _OAUTH))
TOKEN_OTHER: Final = (_AUTH_INFO, OcsfMapping(3002, OTHER, 3, _OAUTH))
# Logto as a SAML identity provider: the service provider's request, and the assertion sent back.
SAML_REQUEST: Final = (_AUTH_INFO, OcsfMapping(3002, 6, 2, _SAML))
SAML_ASSERTION: Final = (_AUTH_INFO, OcsfMapping(3002, 4, 3, _SAML))
# A grant or token revoked: the client's session ends.
LOGOFF: Final = (EcsMapping(("authentication", "session"), ("end",)), OcsfMapping(3002, 2, 2, _OAUTH))
# The account is created (a registration submitted).
ACCOUNT_CREATE: Final = (EcsMapping(("iam",), ("user", "creation")), OcsfMapping(3001, 1))
# A step of a registration before the account exists.
REGISTRATION_STEP: Final = (_IAM_USER_INFO, OcsfMapping(3001, OTHER))
# The password is reset, and the steps of a forgot-password interaction that change no credential.
PASSWORD_RESET: Final = (_IAM_USER_CHANGE, OcsfMapping(3001, 4, 3))
PASSWORD_RESET_STEP: Final = (_IAM_USER_INFO, OcsfMapping(3001, OTHER))
# An MFA factor is bound to the account, and the steps that prepare it (a secret, codes, a registration).
MFA_ENABLE: Final = (_IAM_USER_CHANGE, OcsfMapping(3001, 10))
MFA_ENROLL_STEP: Final = (_IAM_USER_INFO, OcsfMapping(3001, OTHER))
# A device remembered to skip MFA later: the account's security settings change.
TRUSTED_DEVICE_ADD: Final = (_IAM_USER_CHANGE, OcsfMapping(3001, OTHER))

MAPPINGS: Final[MappingProxyType[K, tuple[EcsMapping, OcsfMapping]]] = MappingProxyType(
    {
        K.EXCHANGE_TOKEN_BY_AUTHORIZATION_CODE: TOKEN_ISSUE,  # Exchange token by Code
        K.EXCHANGE_TOKEN_BY_CLIENT_CREDENTIALS: TOKEN_ISSUE,  # Exchange token by Client Credentials
        K.EXCHANGE_TOKEN_BY_REFRESH_TOKEN: TOKEN_RENEW,  # Exchange token by Refresh Token
        K.EXCHANGE_TOKEN_BY_TOKEN_EXCHANGE: TOKEN_ISSUE,  # Token exchange
        K.JWT_CUSTOMIZER_ACCESS_TOKEN: AUTH_OTHER,  # Get custom user access token claims
        K.JWT_CUSTOMIZER_CLIENT_CREDENTIAL: AUTH_OTHER,  # Get custom M2M access token claims
        K.INTERACTION_CREATE: INTERACTION_START,  # Interaction started
        K.INTERACTION_END: INTERACTION_END,  # Interaction ended
        K.INTERACTION_REGISTER_CREATE: REGISTRATION_STEP,  # Create new register interaction
        K.INTERACTION_REGISTER_SUBMIT: ACCOUNT_CREATE,  # Submit register interaction
        K.INTERACTION_REGISTER_UPDATE: REGISTRATION_STEP,  # Update register interaction
        K.INTERACTION_REGISTER_IDENTIFIER_SUBMIT: REGISTRATION_STEP,  # Create and identify new user for register interaction
        K.INTERACTION_REGISTER_IDENTIFIER_VERIFICATION_CODE_CREATE: REGISTRATION_STEP,  # Create and send register identifier with verification code
        K.INTERACTION_REGISTER_IDENTIFIER_VERIFICATION_CODE_SUBMIT: REGISTRATION_STEP,  # Submit and verify register verification code
        K.INTERACTION_REGISTER_VERIFICATION_NEW_PASSWORD_SUBMIT: REGISTRATION_STEP,  # Create new password identity for register
        K.INTERACTION_REGISTER_VERIFICATION_PASSWORD_SUBMIT: REGISTRATION_STEP,  # Create and verify identifier with password verification
        K.INTERACTION_REGISTER_VERIFICATION_EMAIL_VERIFICATION_CODE_CREATE: REGISTRATION_STEP,  # Create and send register email verification code
        K.INTERACTION_REGISTER_VERIFICATION_EMAIL_VERIFICATION_CODE_SUBMIT: REGISTRATION_STEP,  # Verify register email verification code
        K.INTERACTION_REGISTER_VERIFICATION_SMS_VERIFICATION_CODE_CREATE: REGISTRATION_STEP,  # Create and send register SMS verification code
        K.INTERACTION_REGISTER_VERIFICATION_SMS_VERIFICATION_CODE_SUBMIT: REGISTRATION_STEP,  # Verify register SMS verification code
        K.INTERACTION_REGISTER_VERIFICATION_SOCIAL_CREATE: REGISTRATION_STEP,  # Create social authentication URL
        K.INTERACTION_REGISTER_VERIFICATION_SOCIAL_SUBMIT: REGISTRATION_STEP,  # Verify social authentication
        K.INTERACTION_REGISTER_VERIFICATION_ENTERPRISE_SSO_CREATE: REGISTRATION_STEP,  # Create enterprise SSO authentication URL
        K.INTERACTION_REGISTER_VERIFICATION_ENTERPRISE_SSO_SUBMIT: REGISTRATION_STEP,  # Verify enterprise SSO authentication
        K.INTERACTION_REGISTER_PROFILE_CREATE: REGISTRATION_STEP,  # Put new register interaction profile
        K.INTERACTION_REGISTER_PROFILE_DELETE: REGISTRATION_STEP,  # Delete register interaction profile
        K.INTERACTION_REGISTER_PROFILE_UPDATE: REGISTRATION_STEP,  # Patch update register interaction profile
        K.INTERACTION_SIGN_IN_CREATE: PREAUTH_STEP,  # Create new sign-in interaction
        K.INTERACTION_SIGN_IN_SUBMIT: LOGON,  # Submit sign-in interaction
        K.INTERACTION_SIGN_IN_UPDATE: PREAUTH_STEP,  # Update sign-in interaction
        K.INTERACTION_SIGN_IN_IDENTIFIER_SUBMIT: PREAUTH_STEP,  # Identify user for sign-in interaction
        K.INTERACTION_SIGN_IN_IDENTIFIER_PASSWORD_SUBMIT: CREDENTIAL_CHECK,  # Submit sign-in identifier with password
        K.INTERACTION_SIGN_IN_VERIFICATION_NEW_PASSWORD_SUBMIT: REGISTRATION_STEP,  # Create new password identity for register
        K.INTERACTION_SIGN_IN_VERIFICATION_PASSWORD_SUBMIT: CREDENTIAL_CHECK,  # Create and verify identifier with password verification
        K.INTERACTION_SIGN_IN_IDENTIFIER_VERIFICATION_CODE_CREATE: PREAUTH_STEP,  # Create and send sign-in verification code
        K.INTERACTION_SIGN_IN_IDENTIFIER_VERIFICATION_CODE_SUBMIT: CREDENTIAL_CHECK,  # Submit and verify sign-in identifier with verification code
        K.INTERACTION_SIGN_IN_VERIFICATION_EMAIL_VERIFICATION_CODE_CREATE: PREAUTH_STEP,  # Create and send sign-in email verification code
        K.INTERACTION_SIGN_IN_VERIFICATION_EMAIL_VERIFICATION_CODE_SUBMIT: CREDENTIAL_CHECK,  # Verify sign-in email verification code
        K.INTERACTION_SIGN_IN_VERIFICATION_SMS_VERIFICATION_CODE_CREATE: PREAUTH_STEP,  # Create and send sign-in SMS verification code
        K.INTERACTION_SIGN_IN_VERIFICATION_SMS_VERIFICATION_CODE_SUBMIT: CREDENTIAL_CHECK,  # Verify sign-in SMS verification code
        K.INTERACTION_SIGN_IN_IDENTIFIER_SOCIAL_CREATE: PREAUTH_STEP,  # Create social sign-in authorization-url
        K.INTERACTION_SIGN_IN_IDENTIFIER_SOCIAL_SUBMIT: CREDENTIAL_CHECK,  # Authenticate and submit social identifier
        K.INTERACTION_SIGN_IN_VERIFICATION_SOCIAL_CREATE: PREAUTH_STEP,  # Create social authentication URL
        K.INTERACTION_SIGN_IN_VERIFICATION_SOCIAL_SUBMIT: CREDENTIAL_CHECK,  # Verify social authentication
        K.INTERACTION_SIGN_IN_IDENTIFIER_SINGLE_SIGN_ON_CREATE: PREAUTH_STEP,  # Create single-sign-on authentication session
        K.INTERACTION_SIGN_IN_IDENTIFIER_SINGLE_SIGN_ON_SUBMIT: CREDENTIAL_CHECK,  # Submit single-sign-on authentication interaction
        K.INTERACTION_SIGN_IN_VERIFICATION_ENTERPRISE_SSO_CREATE: PREAUTH_STEP,  # Create enterprise SSO authentication URL
        K.INTERACTION_SIGN_IN_VERIFICATION_ENTERPRISE_SSO_SUBMIT: CREDENTIAL_CHECK,  # Verify enterprise SSO authentication
        K.INTERACTION_SIGN_IN_VERIFICATION_IDP_INITIATED_SSO_CREATE: PREAUTH_STEP,  # Create IdP-initiated SAML SSO authentication session
        K.INTERACTION_SIGN_IN_PROFILE_CREATE: PREAUTH_STEP,  # Put new sign-in interaction profile
        K.INTERACTION_SIGN_IN_PROFILE_DELETE: PREAUTH_STEP,  # Delete sign-in interaction profile
        K.INTERACTION_SIGN_IN_PROFILE_UPDATE: PREAUTH_STEP,  # Patch update sign-in interaction profile
        K.INTERACTION_FORGOT_PASSWORD_CREATE: PASSWORD_RESET_STEP,  # Create new forgot-password interaction
        K.INTERACTION_FORGOT_PASSWORD_SUBMIT: PASSWORD_RESET,  # Submit forgot-password interaction
        K.INTERACTION_FORGOT_PASSWORD_UPDATE: PASSWORD_RESET_STEP,  # Update forgot-password interaction
        K.INTERACTION_FORGOT_PASSWORD_IDENTIFIER_SUBMIT: PREAUTH_STEP,  # Identify user for forgot-password interaction
        K.INTERACTION_FORGOT_PASSWORD_IDENTIFIER_VERIFICATION_CODE_CREATE: PREAUTH_STEP,  # Create and send forgot-password verification code
        K.INTERACTION_FORGOT_PASSWORD_IDENTIFIER_VERIFICATION_CODE_SUBMIT: CREDENTIAL_CHECK,  # Submit and verify forgot-password verification code
        K.INTERACTION_FORGOT_PASSWORD_VERIFICATION_EMAIL_VERIFICATION_CODE_CREATE: PREAUTH_STEP,  # Create and send forgot-password email verification code
        K.INTERACTION_FORGOT_PASSWORD_VERIFICATION_EMAIL_VERIFICATION_CODE_SUBMIT: CREDENTIAL_CHECK,  # Verify forgot-password email verification code
        K.INTERACTION_FORGOT_PASSWORD_VERIFICATION_SMS_VERIFICATION_CODE_CREATE: PREAUTH_STEP,  # Create and send forgot-password SMS verification code
        K.INTERACTION_FORGOT_PASSWORD_VERIFICATION_SMS_VERIFICATION_CODE_SUBMIT: CREDENTIAL_CHECK,  # Verify forgot-password SMS verification code
        K.INTERACTION_FORGOT_PASSWORD_PROFILE_CREATE: PASSWORD_RESET_STEP,  # Put new forgot-password interaction profile
        K.INTERACTION_FORGOT_PASSWORD_PROFILE_DELETE: PASSWORD_RESET_STEP,  # Delete forgot-password interaction profile
        K.INTERACTION_FORGOT_PASSWORD_PROFILE_UPDATE: PASSWORD_RESET_STEP,  # Patch update forgot-password interaction profile
        K.INTERACTION_REGISTER_VERIFICATION_BACKUP_CODE_CREATE: MFA_ENROLL_STEP,  # Create backup codes for MFA binding
        K.INTERACTION_REGISTER_VERIFICATION_BACKUP_CODE_SUBMIT: MFA_ENROLL_STEP,  # Verify backup code
        K.INTERACTION_REGISTER_VERIFICATION_TOTP_CREATE: MFA_ENROLL_STEP,  # Create TOTP verification secret for MFA binding
        K.INTERACTION_REGISTER_VERIFICATION_TOTP_SUBMIT: MFA_ENROLL_STEP,  # Verify TOTP verification code
        K.INTERACTION_REGISTER_VERIFICATION_WEBAUTHN_CREATE: MFA_ENROLL_STEP,  # Create WebAuthn authentication
        K.INTERACTION_REGISTER_VERIFICATION_WEBAUTHN_SUBMIT: MFA_ENROLL_STEP,  # Verify WebAuthn authentication
        K.INTERACTION_SIGN_IN_VERIFICATION_BACKUP_CODE_CREATE: MFA_ENROLL_STEP,  # Create backup codes for MFA binding
        K.INTERACTION_SIGN_IN_VERIFICATION_BACKUP_CODE_SUBMIT: CREDENTIAL_CHECK,  # Verify backup code
        K.INTERACTION_SIGN_IN_VERIFICATION_TOTP_CREATE: MFA_ENROLL_STEP,  # Create TOTP verification secret for MFA binding
        K.INTERACTION_SIGN_IN_VERIFICATION_TOTP_SUBMIT: CREDENTIAL_CHECK,  # Verify TOTP verification code
        K.INTERACTION_SIGN_IN_VERIFICATION_WEBAUTHN_CREATE: PREAUTH_STEP,  # Create WebAuthn authentication
        K.INTERACTION_SIGN_IN_VERIFICATION_WEBAUTHN_SUBMIT: CREDENTIAL_CHECK,  # Verify WebAuthn authentication
        K.SAML_APPLICATION_AUTHN_REQUEST: SAML_REQUEST,  # Receive SAML application authentication request
        K.SAML_APPLICATION_CALLBACK: SAML_ASSERTION,  # Handle SAML application callback
        K.INTERACTION_CREATE_CAPTCHA: PREAUTH_STEP,  # CAPTCHA verification
        K.ACTION_POST_FIRST_FACTOR_VERIFICATION: PREAUTH_STEP,  # Execute Post first-factor verification Action
        K.ACTION_POST_SIGN_IN: AUTH_OTHER,  # Execute Post sign-in Action
        K.EXCHANGE_TOKEN_BY_DEVICE_CODE: TOKEN_ISSUE,  # Exchange token by Device Code
        K.EXCHANGE_TOKEN_BY_UNKNOWN: TOKEN_OTHER,  # Exchange token by unknown grant type
        K.INTERACTION_FORGOT_PASSWORD_BIND_MFA_BACKUP_CODE_SUBMIT: MFA_ENABLE,  # Bind backup code MFA in forgot-password interaction
        K.INTERACTION_FORGOT_PASSWORD_BIND_MFA_EMAIL_VERIFICATION_CODE_SUBMIT: MFA_ENABLE,  # Bind email verification code MFA in forgot-password interaction
        K.INTERACTION_FORGOT_PASSWORD_BIND_MFA_PHONE_VERIFICATION_CODE_SUBMIT: MFA_ENABLE,  # Bind SMS verification code MFA in forgot-password interaction
        K.INTERACTION_FORGOT_PASSWORD_BIND_MFA_TOTP_CREATE: MFA_ENROLL_STEP,  # Create TOTP secret for forgot-password MFA binding
        K.INTERACTION_FORGOT_PASSWORD_BIND_MFA_TOTP_SUBMIT: MFA_ENABLE,  # Bind TOTP MFA in forgot-password interaction
        K.INTERACTION_FORGOT_PASSWORD_BIND_MFA_WEBAUTHN_CREATE: MFA_ENROLL_STEP,  # Create WebAuthn registration for forgot-password MFA binding
        K.INTERACTION_FORGOT_PASSWORD_BIND_MFA_WEBAUTHN_SUBMIT: MFA_ENABLE,  # Bind WebAuthn MFA in forgot-password interaction
        K.INTERACTION_FORGOT_PASSWORD_SIGN_IN_PASSKEY_SUBMIT: LOGON,  # Submit passkey sign-in for forgot-password interaction
        K.INTERACTION_FORGOT_PASSWORD_VERIFICATION_BACKUP_CODE_CREATE: MFA_ENROLL_STEP,  # Create backup codes for MFA binding
        K.INTERACTION_FORGOT_PASSWORD_VERIFICATION_BACKUP_CODE_SUBMIT: CREDENTIAL_CHECK,  # Verify backup code
        K.INTERACTION_FORGOT_PASSWORD_VERIFICATION_ENTERPRISE_SSO_CREATE: PREAUTH_STEP,  # Create enterprise SSO authentication URL
        K.INTERACTION_FORGOT_PASSWORD_VERIFICATION_ENTERPRISE_SSO_SUBMIT: CREDENTIAL_CHECK,  # Verify enterprise SSO authentication
        K.INTERACTION_FORGOT_PASSWORD_VERIFICATION_NEW_PASSWORD_IDENTITY_SUBMIT: PASSWORD_RESET,  # Create new password identity for forgot-password
        K.INTERACTION_FORGOT_PASSWORD_VERIFICATION_ONE_TIME_TOKEN_SUBMIT: CREDENTIAL_CHECK,  # Verify one-time token
        K.INTERACTION_FORGOT_PASSWORD_VERIFICATION_PASSWORD_SUBMIT: CREDENTIAL_CHECK,  # Create and verify identifier with password verification
        K.INTERACTION_FORGOT_PASSWORD_VERIFICATION_SIGN_IN_PASSKEY_CREATE: PREAUTH_STEP,  # Create passkey sign-in authentication
        K.INTERACTION_FORGOT_PASSWORD_VERIFICATION_SIGN_IN_PASSKEY_SUBMIT: CREDENTIAL_CHECK,  # Verify passkey sign-in authentication
        K.INTERACTION_FORGOT_PASSWORD_VERIFICATION_SOCIAL_CREATE: PREAUTH_STEP,  # Create social authentication URL
        K.INTERACTION_FORGOT_PASSWORD_VERIFICATION_SOCIAL_SUBMIT: CREDENTIAL_CHECK,  # Verify social authentication
        K.INTERACTION_FORGOT_PASSWORD_VERIFICATION_TOTP_CREATE: MFA_ENROLL_STEP,  # Create TOTP verification secret for MFA binding
        K.INTERACTION_FORGOT_PASSWORD_VERIFICATION_TOTP_SUBMIT: CREDENTIAL_CHECK,  # Verify TOTP verification code
        K.INTERACTION_FORGOT_PASSWORD_VERIFICATION_WEBAUTHN_CREATE: PREAUTH_STEP,  # Create WebAuthn authentication
        K.INTERACTION_FORGOT_PASSWORD_VERIFICATION_WEBAUTHN_SUBMIT: CREDENTIAL_CHECK,  # Verify WebAuthn authentication
        K.INTERACTION_REGISTER_BIND_MFA_BACKUP_CODE_SUBMIT: MFA_ENABLE,  # Bind backup code MFA in register interaction
        K.INTERACTION_REGISTER_BIND_MFA_EMAIL_VERIFICATION_CODE_SUBMIT: MFA_ENABLE,  # Bind email verification code MFA in register interaction
        K.INTERACTION_REGISTER_BIND_MFA_PHONE_VERIFICATION_CODE_SUBMIT: MFA_ENABLE,  # Bind SMS verification code MFA in register interaction
        K.INTERACTION_REGISTER_BIND_MFA_TOTP_CREATE: MFA_ENROLL_STEP,  # Create TOTP secret for register MFA binding
        K.INTERACTION_REGISTER_BIND_MFA_TOTP_SUBMIT: MFA_ENABLE,  # Bind TOTP MFA in register interaction
        K.INTERACTION_REGISTER_BIND_MFA_WEBAUTHN_CREATE: MFA_ENROLL_STEP,  # Create WebAuthn registration for register MFA binding
        K.INTERACTION_REGISTER_BIND_MFA_WEBAUTHN_SUBMIT: MFA_ENABLE,  # Bind WebAuthn MFA in register interaction
        K.INTERACTION_REGISTER_IDENTIFIER_PASSWORD_SUBMIT: REGISTRATION_STEP,  # Submit register identifier with password
        K.INTERACTION_REGISTER_IDENTIFIER_SOCIAL_CREATE: REGISTRATION_STEP,  # Create social register authorization-url
        K.INTERACTION_REGISTER_SIGN_IN_PASSKEY_SUBMIT: LOGON,  # Submit passkey sign-in for register interaction
        K.INTERACTION_REGISTER_VERIFICATION_ONE_TIME_TOKEN_SUBMIT: REGISTRATION_STEP,  # Verify one-time token
        K.INTERACTION_REGISTER_VERIFICATION_SIGN_IN_PASSKEY_CREATE: PREAUTH_STEP,  # Create passkey sign-in authentication
        K.INTERACTION_REGISTER_VERIFICATION_SIGN_IN_PASSKEY_SUBMIT: CREDENTIAL_CHECK,  # Verify passkey sign-in authentication
        K.INTERACTION_SIGN_IN_BIND_MFA_BACKUP_CODE_SUBMIT: MFA_ENABLE,  # Bind backup code MFA in sign-in interaction
        K.INTERACTION_SIGN_IN_BIND_MFA_EMAIL_VERIFICATION_CODE_SUBMIT: MFA_ENABLE,  # Bind email verification code MFA in sign-in interaction
        K.INTERACTION_SIGN_IN_BIND_MFA_PHONE_VERIFICATION_CODE_SUBMIT: MFA_ENABLE,  # Bind SMS verification code MFA in sign-in interaction
        K.INTERACTION_SIGN_IN_BIND_MFA_TOTP_CREATE: MFA_ENROLL_STEP,  # Create TOTP secret for sign-in MFA binding
        K.INTERACTION_SIGN_IN_BIND_MFA_TOTP_SUBMIT: MFA_ENABLE,  # Bind TOTP MFA in sign-in interaction
        K.INTERACTION_SIGN_IN_BIND_MFA_WEBAUTHN_CREATE: MFA_ENROLL_STEP,  # Create WebAuthn registration for sign-in MFA binding
        K.INTERACTION_SIGN_IN_BIND_MFA_WEBAUTHN_SUBMIT: MFA_ENABLE,  # Bind WebAuthn MFA in sign-in interaction
        K.INTERACTION_SIGN_IN_MFA_BACKUP_CODE_SUBMIT: CREDENTIAL_CHECK,  # Verify backup code MFA for sign-in
        K.INTERACTION_SIGN_IN_MFA_TOTP_SUBMIT: CREDENTIAL_CHECK,  # Verify TOTP MFA for sign-in
        K.INTERACTION_SIGN_IN_MFA_WEBAUTHN_CREATE: PREAUTH_STEP,  # Create WebAuthn MFA authentication for sign-in
        K.INTERACTION_SIGN_IN_MFA_WEBAUTHN_SUBMIT: CREDENTIAL_CHECK,  # Verify WebAuthn MFA for sign-in
        K.INTERACTION_SIGN_IN_SIGN_IN_PASSKEY_SUBMIT: LOGON,  # Submit passkey sign-in for sign-in interaction
        K.INTERACTION_SIGN_IN_VERIFICATION_ONE_TIME_TOKEN_SUBMIT: CREDENTIAL_CHECK,  # Verify one-time token
        K.INTERACTION_SIGN_IN_VERIFICATION_SIGN_IN_PASSKEY_CREATE: PREAUTH_STEP,  # Create passkey sign-in authentication
        K.INTERACTION_SIGN_IN_VERIFICATION_SIGN_IN_PASSKEY_SUBMIT: CREDENTIAL_CHECK,  # Verify passkey sign-in authentication
        K.REVOKE_GRANTS: LOGOFF,  # Revoke grants
        K.REVOKE_TOKEN: LOGOFF,  # Revoke token
        K.TRUSTED_DEVICE_CREATED: TRUSTED_DEVICE_ADD,  # Create trusted device
        K.TRUSTED_DEVICE_USED: CREDENTIAL_CHECK,  # Use trusted device
    }
)
