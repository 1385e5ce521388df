"""The audit event catalog as plain data.

Transcribed from Logto's page "Event types of audit logs" (the project's spec,
vendored as ``tests/data/logto-event-types.txt``) and from the keys Logto's
server writes (``tests/data/logto-source-keys.tsv``, logto-io/logto @ 1fbc554).
The tests hold this table equal to both, key by key, in order.

A row is ``(key, name, category, logto_key, deprecated)``:

* ``key`` is the canonical key: the documented spelling for the page's events,
  Logto's own spelling for the events the page leaves out;
* ``logto_key`` is the spelling Logto's server writes where it differs from the
  page (``None`` where they agree);
* ``deprecated`` is true where Logto marks the key as a legacy-interaction key.

The undocumented rows are the keys a call site in Logto's server creates,
without the ``TriggerHook.*`` webhook-delivery keys (not audit events). Their
names are ours, written in the page's style; their categories follow the
page's grouping (MFA methods under "MFA", first-factor methods under their flow).
"""

from enum import StrEnum
from typing import Final, TypeAlias


class Category(StrEnum):
    """The category of an audit event: the page's section titles, and two more."""

    EXCHANGE_TOKEN = "Exchange token"
    CUSTOM_TOKEN_CLAIMS = "Custom token claims"
    INTERACTION_LIFECYCLE = "Interaction lifecycle"
    REGISTER = "Register"
    SIGN_IN = "Sign in"
    FORGOT_PASSWORD = "Forgot password"
    MFA = "MFA"
    SAML_APPLICATION = "SAML application"
    SECURITY = "Security"
    # Not on the page: Logto's newer docs revision titles its Action rows "Actions".
    ACTIONS = "Actions"
    # Not on the page: the OIDC revocation endpoint's RevokeToken and RevokeGrants.
    TOKEN_REVOCATION = "Token revocation"


class EventKey(StrEnum):
    """One member per audit event; the value is the canonical key (the documented spelling)."""

    # Documented: the 80 events of Logto's "Event types of audit logs" page, in its order.
    EXCHANGE_TOKEN_BY_AUTHORIZATION_CODE = "ExchangeTokenBy.AuthorizationCode"
    EXCHANGE_TOKEN_BY_CLIENT_CREDENTIALS = "ExchangeTokenBy.ClientCredentials"
    EXCHANGE_TOKEN_BY_REFRESH_TOKEN = "ExchangeTokenBy.RefreshToken"
    EXCHANGE_TOKEN_BY_TOKEN_EXCHANGE = "ExchangeTokenBy.TokenExchange"
    JWT_CUSTOMIZER_ACCESS_TOKEN = "JwtCustomizer.AccessToken"
    JWT_CUSTOMIZER_CLIENT_CREDENTIAL = "JwtCustomizer.ClientCredential"
    INTERACTION_CREATE = "Interaction.Create"
    INTERACTION_END = "Interaction.End"
    INTERACTION_REGISTER_CREATE = "Interaction.Register.Create"
    INTERACTION_REGISTER_SUBMIT = "Interaction.Register.Submit"
    INTERACTION_REGISTER_UPDATE = "Interaction.Register.Update"
    INTERACTION_REGISTER_IDENTIFIER_SUBMIT = "Interaction.Register.Identifier.Submit"
    INTERACTION_REGISTER_IDENTIFIER_VERIFICATION_CODE_CREATE = "Interaction.Register.Identifier.VerificationCode.Create"
    INTERACTION_REGISTER_IDENTIFIER_VERIFICATION_CODE_SUBMIT = "Interaction.Register.Identifier.VerificationCode.Submit"
    INTERACTION_REGISTER_VERIFICATION_NEW_PASSWORD_SUBMIT = "Interaction.Register.Verification.NewPassword.Submit"
    INTERACTION_REGISTER_VERIFICATION_PASSWORD_SUBMIT = "Interaction.Register.Verification.Password.Submit"
    INTERACTION_REGISTER_VERIFICATION_EMAIL_VERIFICATION_CODE_CREATE = (
        "Interaction.Register.Verification.EmailVerificationCode.Create"
    )
    INTERACTION_REGISTER_VERIFICATION_EMAIL_VERIFICATION_CODE_SUBMIT = (
        "Interaction.Register.Verification.EmailVerificationCode.Submit"
    )
    INTERACTION_REGISTER_VERIFICATION_SMS_VERIFICATION_CODE_CREATE = (
        "Interaction.Register.Verification.SmsVerificationCode.Create"
    )
    INTERACTION_REGISTER_VERIFICATION_SMS_VERIFICATION_CODE_SUBMIT = (
        "Interaction.Register.Verification.SmsVerificationCode.Submit"
    )
    INTERACTION_REGISTER_VERIFICATION_SOCIAL_CREATE = "Interaction.Register.Verification.Social.Create"
    INTERACTION_REGISTER_VERIFICATION_SOCIAL_SUBMIT = "Interaction.Register.Verification.Social.Submit"
    INTERACTION_REGISTER_VERIFICATION_ENTERPRISE_SSO_CREATE = "Interaction.Register.Verification.EnterpriseSso.Create"
    INTERACTION_REGISTER_VERIFICATION_ENTERPRISE_SSO_SUBMIT = "Interaction.Register.Verification.EnterpriseSso.Submit"
    INTERACTION_REGISTER_PROFILE_CREATE = "Interaction.Register.Profile.Create"
    INTERACTION_REGISTER_PROFILE_DELETE = "Interaction.Register.Profile.Delete"
    INTERACTION_REGISTER_PROFILE_UPDATE = "Interaction.Register.Profile.Update"
    INTERACTION_SIGN_IN_CREATE = "Interaction.SignIn.Create"
    INTERACTION_SIGN_IN_SUBMIT = "Interaction.SignIn.Submit"
    INTERACTION_SIGN_IN_UPDATE = "Interaction.SignIn.Update"
    INTERACTION_SIGN_IN_IDENTIFIER_SUBMIT = "Interaction.SignIn.Identifier.Submit"
    INTERACTION_SIGN_IN_IDENTIFIER_PASSWORD_SUBMIT = "Interaction.SignIn.Identifier.Password.Submit"
    INTERACTION_SIGN_IN_VERIFICATION_NEW_PASSWORD_SUBMIT = "Interaction.SignIn.Verification.NewPassword.Submit"
    INTERACTION_SIGN_IN_VERIFICATION_PASSWORD_SUBMIT = "Interaction.SignIn.Verification.Password.Submit"
    INTERACTION_SIGN_IN_IDENTIFIER_VERIFICATION_CODE_CREATE = "Interaction.SignIn.Identifier.VerificationCode.Create"
    INTERACTION_SIGN_IN_IDENTIFIER_VERIFICATION_CODE_SUBMIT = "Interaction.SignIn.Identifier.VerificationCode.Submit"
    INTERACTION_SIGN_IN_VERIFICATION_EMAIL_VERIFICATION_CODE_CREATE = (
        "Interaction.SignIn.Verification.EmailVerificationCode.Create"
    )
    INTERACTION_SIGN_IN_VERIFICATION_EMAIL_VERIFICATION_CODE_SUBMIT = (
        "Interaction.SignIn.Verification.EmailVerificationCode.Submit"
    )
    INTERACTION_SIGN_IN_VERIFICATION_SMS_VERIFICATION_CODE_CREATE = (
        "Interaction.SignIn.Verification.SmsVerificationCode.Create"
    )
    INTERACTION_SIGN_IN_VERIFICATION_SMS_VERIFICATION_CODE_SUBMIT = (
        "Interaction.SignIn.Verification.SmsVerificationCode.Submit"
    )
    INTERACTION_SIGN_IN_IDENTIFIER_SOCIAL_CREATE = "Interaction.SignIn.Identifier.Social.Create"
    INTERACTION_SIGN_IN_IDENTIFIER_SOCIAL_SUBMIT = "Interaction.SignIn.Identifier.Social.Submit"
    INTERACTION_SIGN_IN_VERIFICATION_SOCIAL_CREATE = "Interaction.SignIn.Verification.Social.Create"
    INTERACTION_SIGN_IN_VERIFICATION_SOCIAL_SUBMIT = "Interaction.SignIn.Verification.Social.Submit"
    INTERACTION_SIGN_IN_IDENTIFIER_SINGLE_SIGN_ON_CREATE = "Interaction.SignIn.Identifier.SingleSignOn.Create"
    INTERACTION_SIGN_IN_IDENTIFIER_SINGLE_SIGN_ON_SUBMIT = "Interaction.SignIn.Identifier.SingleSignOn.Submit"
    INTERACTION_SIGN_IN_VERIFICATION_ENTERPRISE_SSO_CREATE = "Interaction.SignIn.Verification.EnterpriseSso.Create"
    INTERACTION_SIGN_IN_VERIFICATION_ENTERPRISE_SSO_SUBMIT = "Interaction.SignIn.Verification.EnterpriseSso.Submit"
    INTERACTION_SIGN_IN_VERIFICATION_IDP_INITIATED_SSO_CREATE = "Interaction.SignIn.Verification.IdpInitiatedSso.Create"
    INTERACTION_SIGN_IN_PROFILE_CREATE = "Interaction.SignIn.Profile.Create"
    INTERACTION_SIGN_IN_PROFILE_DELETE = "Interaction.SignIn.Profile.Delete"
    INTERACTION_SIGN_IN_PROFILE_UPDATE = "Interaction.SignIn.Profile.Update"
    INTERACTION_FORGOT_PASSWORD_CREATE = "Interaction.ForgotPassword.Create"
    INTERACTION_FORGOT_PASSWORD_SUBMIT = "Interaction.ForgotPassword.Submit"
    INTERACTION_FORGOT_PASSWORD_UPDATE = "Interaction.ForgotPassword.Update"
    INTERACTION_FORGOT_PASSWORD_IDENTIFIER_SUBMIT = "Interaction.ForgotPassword.Identifier.Submit"
    INTERACTION_FORGOT_PASSWORD_IDENTIFIER_VERIFICATION_CODE_CREATE = (
        "Interaction.ForgotPassword.Identifier.VerificationCode.Create"
    )
    INTERACTION_FORGOT_PASSWORD_IDENTIFIER_VERIFICATION_CODE_SUBMIT = (
        "Interaction.ForgotPassword.Identifier.VerificationCode.Submit"
    )
    INTERACTION_FORGOT_PASSWORD_VERIFICATION_EMAIL_VERIFICATION_CODE_CREATE = (
        "Interaction.ForgotPassword.Verification.EmailVerificationCode.Create"
    )
    INTERACTION_FORGOT_PASSWORD_VERIFICATION_EMAIL_VERIFICATION_CODE_SUBMIT = (
        "Interaction.ForgotPassword.Verification.EmailVerificationCode.Submit"
    )
    INTERACTION_FORGOT_PASSWORD_VERIFICATION_SMS_VERIFICATION_CODE_CREATE = (
        "Interaction.ForgotPassword.Verification.SmsVerificationCode.Create"
    )
    INTERACTION_FORGOT_PASSWORD_VERIFICATION_SMS_VERIFICATION_CODE_SUBMIT = (
        "Interaction.ForgotPassword.Verification.SmsVerificationCode.Submit"
    )
    INTERACTION_FORGOT_PASSWORD_PROFILE_CREATE = "Interaction.ForgotPassword.Profile.Create"
    INTERACTION_FORGOT_PASSWORD_PROFILE_DELETE = "Interaction.ForgotPassword.Profile.Delete"
    INTERACTION_FORGOT_PASSWORD_PROFILE_UPDATE = "Interaction.ForgotPassword.Profile.Update"
    INTERACTION_REGISTER_VERIFICATION_BACKUP_CODE_CREATE = "Interaction.Register.Verification.BackupCode.Create"
    INTERACTION_REGISTER_VERIFICATION_BACKUP_CODE_SUBMIT = "Interaction.Register.Verification.BackupCode.Submit"
    INTERACTION_REGISTER_VERIFICATION_TOTP_CREATE = "Interaction.Register.Verification.Totp.Create"
    INTERACTION_REGISTER_VERIFICATION_TOTP_SUBMIT = "Interaction.Register.Verification.Totp.Submit"
    INTERACTION_REGISTER_VERIFICATION_WEBAUTHN_CREATE = "Interaction.Register.Verification.Webauthn.Create"
    INTERACTION_REGISTER_VERIFICATION_WEBAUTHN_SUBMIT = "Interaction.Register.Verification.WebAuthn.Submit"
    INTERACTION_SIGN_IN_VERIFICATION_BACKUP_CODE_CREATE = "Interaction.SignIn.Verification.BackupCode.Create"
    INTERACTION_SIGN_IN_VERIFICATION_BACKUP_CODE_SUBMIT = "Interaction.SignIn.Verification.BackupCode.Submit"
    INTERACTION_SIGN_IN_VERIFICATION_TOTP_CREATE = "Interaction.SignIn.Verification.Totp.Create"
    INTERACTION_SIGN_IN_VERIFICATION_TOTP_SUBMIT = "Interaction.SignIn.Verification.Totp.Submit"
    INTERACTION_SIGN_IN_VERIFICATION_WEBAUTHN_CREATE = "Interaction.SignIn.Verification.Webauthn.Create"
    INTERACTION_SIGN_IN_VERIFICATION_WEBAUTHN_SUBMIT = "Interaction.SignIn.Verification.WebAuthn.Submit"
    SAML_APPLICATION_AUTHN_REQUEST = "SamlApplication.AuthnRequest"
    SAML_APPLICATION_CALLBACK = "SamlApplication.Callback"
    INTERACTION_CREATE_CAPTCHA = "Interaction.Create.Captcha"
    # Written by Logto's server but missing from the page (Logto's own spelling).
    ACTION_POST_FIRST_FACTOR_VERIFICATION = "Action.PostFirstFactorVerification"
    ACTION_POST_SIGN_IN = "Action.PostSignIn"
    EXCHANGE_TOKEN_BY_DEVICE_CODE = "ExchangeTokenBy.DeviceCode"
    EXCHANGE_TOKEN_BY_UNKNOWN = "ExchangeTokenBy.Unknown"
    INTERACTION_FORGOT_PASSWORD_BIND_MFA_BACKUP_CODE_SUBMIT = "Interaction.ForgotPassword.BindMfa.BackupCode.Submit"
    INTERACTION_FORGOT_PASSWORD_BIND_MFA_EMAIL_VERIFICATION_CODE_SUBMIT = (
        "Interaction.ForgotPassword.BindMfa.EmailVerificationCode.Submit"
    )
    INTERACTION_FORGOT_PASSWORD_BIND_MFA_PHONE_VERIFICATION_CODE_SUBMIT = (
        "Interaction.ForgotPassword.BindMfa.PhoneVerificationCode.Submit"
    )
    INTERACTION_FORGOT_PASSWORD_BIND_MFA_TOTP_CREATE = "Interaction.ForgotPassword.BindMfa.Totp.Create"
    INTERACTION_FORGOT_PASSWORD_BIND_MFA_TOTP_SUBMIT = "Interaction.ForgotPassword.BindMfa.Totp.Submit"
    INTERACTION_FORGOT_PASSWORD_BIND_MFA_WEBAUTHN_CREATE = "Interaction.ForgotPassword.BindMfa.WebAuthn.Create"
    INTERACTION_FORGOT_PASSWORD_BIND_MFA_WEBAUTHN_SUBMIT = "Interaction.ForgotPassword.BindMfa.WebAuthn.Submit"
    INTERACTION_FORGOT_PASSWORD_SIGN_IN_PASSKEY_SUBMIT = "Interaction.ForgotPassword.SignInPasskey.Submit"
    INTERACTION_FORGOT_PASSWORD_VERIFICATION_BACKUP_CODE_CREATE = (
        "Interaction.ForgotPassword.Verification.BackupCode.Create"
    )
    INTERACTION_FORGOT_PASSWORD_VERIFICATION_BACKUP_CODE_SUBMIT = (
        "Interaction.ForgotPassword.Verification.BackupCode.Submit"
    )
    INTERACTION_FORGOT_PASSWORD_VERIFICATION_ENTERPRISE_SSO_CREATE = (
        "Interaction.ForgotPassword.Verification.EnterpriseSso.Create"
    )
    INTERACTION_FORGOT_PASSWORD_VERIFICATION_ENTERPRISE_SSO_SUBMIT = (
        "Interaction.ForgotPassword.Verification.EnterpriseSso.Submit"
    )
    INTERACTION_FORGOT_PASSWORD_VERIFICATION_NEW_PASSWORD_IDENTITY_SUBMIT = (
        "Interaction.ForgotPassword.Verification.NewPasswordIdentity.Submit"
    )
    INTERACTION_FORGOT_PASSWORD_VERIFICATION_ONE_TIME_TOKEN_SUBMIT = (
        "Interaction.ForgotPassword.Verification.OneTimeToken.Submit"
    )
    INTERACTION_FORGOT_PASSWORD_VERIFICATION_PASSWORD_SUBMIT = "Interaction.ForgotPassword.Verification.Password.Submit"
    INTERACTION_FORGOT_PASSWORD_VERIFICATION_SIGN_IN_PASSKEY_CREATE = (
        "Interaction.ForgotPassword.Verification.SignInPasskey.Create"
    )
    INTERACTION_FORGOT_PASSWORD_VERIFICATION_SIGN_IN_PASSKEY_SUBMIT = (
        "Interaction.ForgotPassword.Verification.SignInPasskey.Submit"
    )
    INTERACTION_FORGOT_PASSWORD_VERIFICATION_SOCIAL_CREATE = "Interaction.ForgotPassword.Verification.Social.Create"
    INTERACTION_FORGOT_PASSWORD_VERIFICATION_SOCIAL_SUBMIT = "Interaction.ForgotPassword.Verification.Social.Submit"
    INTERACTION_FORGOT_PASSWORD_VERIFICATION_TOTP_CREATE = "Interaction.ForgotPassword.Verification.Totp.Create"
    INTERACTION_FORGOT_PASSWORD_VERIFICATION_TOTP_SUBMIT = "Interaction.ForgotPassword.Verification.Totp.Submit"
    INTERACTION_FORGOT_PASSWORD_VERIFICATION_WEBAUTHN_CREATE = "Interaction.ForgotPassword.Verification.WebAuthn.Create"
    INTERACTION_FORGOT_PASSWORD_VERIFICATION_WEBAUTHN_SUBMIT = "Interaction.ForgotPassword.Verification.WebAuthn.Submit"
    INTERACTION_REGISTER_BIND_MFA_BACKUP_CODE_SUBMIT = "Interaction.Register.BindMfa.BackupCode.Submit"
    INTERACTION_REGISTER_BIND_MFA_EMAIL_VERIFICATION_CODE_SUBMIT = (
        "Interaction.Register.BindMfa.EmailVerificationCode.Submit"
    )
    INTERACTION_REGISTER_BIND_MFA_PHONE_VERIFICATION_CODE_SUBMIT = (
        "Interaction.Register.BindMfa.PhoneVerificationCode.Submit"
    )
    INTERACTION_REGISTER_BIND_MFA_TOTP_CREATE = "Interaction.Register.BindMfa.Totp.Create"
    INTERACTION_REGISTER_BIND_MFA_TOTP_SUBMIT = "Interaction.Register.BindMfa.Totp.Submit"
    INTERACTION_REGISTER_BIND_MFA_WEBAUTHN_CREATE = "Interaction.Register.BindMfa.WebAuthn.Create"
    INTERACTION_REGISTER_BIND_MFA_WEBAUTHN_SUBMIT = "Interaction.Register.BindMfa.WebAuthn.Submit"
    INTERACTION_REGISTER_IDENTIFIER_PASSWORD_SUBMIT = "Interaction.Register.Identifier.Password.Submit"
    INTERACTION_REGISTER_IDENTIFIER_SOCIAL_CREATE = "Interaction.Register.Identifier.Social.Create"
    INTERACTION_REGISTER_SIGN_IN_PASSKEY_SUBMIT = "Interaction.Register.SignInPasskey.Submit"
    INTERACTION_REGISTER_VERIFICATION_ONE_TIME_TOKEN_SUBMIT = "Interaction.Register.Verification.OneTimeToken.Submit"
    INTERACTION_REGISTER_VERIFICATION_SIGN_IN_PASSKEY_CREATE = "Interaction.Register.Verification.SignInPasskey.Create"
    INTERACTION_REGISTER_VERIFICATION_SIGN_IN_PASSKEY_SUBMIT = "Interaction.Register.Verification.SignInPasskey.Submit"
    INTERACTION_SIGN_IN_BIND_MFA_BACKUP_CODE_SUBMIT = "Interaction.SignIn.BindMfa.BackupCode.Submit"
    INTERACTION_SIGN_IN_BIND_MFA_EMAIL_VERIFICATION_CODE_SUBMIT = (
        "Interaction.SignIn.BindMfa.EmailVerificationCode.Submit"
    )
    INTERACTION_SIGN_IN_BIND_MFA_PHONE_VERIFICATION_CODE_SUBMIT = (
        "Interaction.SignIn.BindMfa.PhoneVerificationCode.Submit"
    )
    INTERACTION_SIGN_IN_BIND_MFA_TOTP_CREATE = "Interaction.SignIn.BindMfa.Totp.Create"
    INTERACTION_SIGN_IN_BIND_MFA_TOTP_SUBMIT = "Interaction.SignIn.BindMfa.Totp.Submit"
    INTERACTION_SIGN_IN_BIND_MFA_WEBAUTHN_CREATE = "Interaction.SignIn.BindMfa.WebAuthn.Create"
    INTERACTION_SIGN_IN_BIND_MFA_WEBAUTHN_SUBMIT = "Interaction.SignIn.BindMfa.WebAuthn.Submit"
    INTERACTION_SIGN_IN_MFA_BACKUP_CODE_SUBMIT = "Interaction.SignIn.Mfa.BackupCode.Submit"
    INTERACTION_SIGN_IN_MFA_TOTP_SUBMIT = "Interaction.SignIn.Mfa.Totp.Submit"
    INTERACTION_SIGN_IN_MFA_WEBAUTHN_CREATE = "Interaction.SignIn.Mfa.WebAuthn.Create"
    INTERACTION_SIGN_IN_MFA_WEBAUTHN_SUBMIT = "Interaction.SignIn.Mfa.WebAuthn.Submit"
    INTERACTION_SIGN_IN_SIGN_IN_PASSKEY_SUBMIT = "Interaction.SignIn.SignInPasskey.Submit"
    INTERACTION_SIGN_IN_VERIFICATION_ONE_TIME_TOKEN_SUBMIT = "Interaction.SignIn.Verification.OneTimeToken.Submit"
    INTERACTION_SIGN_IN_VERIFICATION_SIGN_IN_PASSKEY_CREATE = "Interaction.SignIn.Verification.SignInPasskey.Create"
    INTERACTION_SIGN_IN_VERIFICATION_SIGN_IN_PASSKEY_SUBMIT = "Interaction.SignIn.Verification.SignInPasskey.Submit"
    REVOKE_GRANTS = "RevokeGrants"
    REVOKE_TOKEN = "RevokeToken"
    TRUSTED_DEVICE_CREATED = "TrustedDevice.Created"
    TRUSTED_DEVICE_USED = "TrustedDevice.Used"


Row: TypeAlias = tuple[EventKey, str, Category, str | None, bool]

DOCUMENTED: Final[tuple[Row, ...]] = (
    (EventKey.EXCHANGE_TOKEN_BY_AUTHORIZATION_CODE, "Exchange token by Code", Category.EXCHANGE_TOKEN, None, False),
    (
        EventKey.EXCHANGE_TOKEN_BY_CLIENT_CREDENTIALS,
        "Exchange token by Client Credentials",
        Category.EXCHANGE_TOKEN,
        None,
        False,
    ),
    (EventKey.EXCHANGE_TOKEN_BY_REFRESH_TOKEN, "Exchange token by Refresh Token", Category.EXCHANGE_TOKEN, None, False),
    (EventKey.EXCHANGE_TOKEN_BY_TOKEN_EXCHANGE, "Token exchange", Category.EXCHANGE_TOKEN, None, False),
    (
        EventKey.JWT_CUSTOMIZER_ACCESS_TOKEN,
        "Get custom user access token claims",
        Category.CUSTOM_TOKEN_CLAIMS,
        None,
        False,
    ),
    (
        EventKey.JWT_CUSTOMIZER_CLIENT_CREDENTIAL,
        "Get custom M2M access token claims",
        Category.CUSTOM_TOKEN_CLAIMS,
        "JwtCustomizer.ClientCredentials",
        False,
    ),
    (EventKey.INTERACTION_CREATE, "Interaction started", Category.INTERACTION_LIFECYCLE, None, False),
    (EventKey.INTERACTION_END, "Interaction ended", Category.INTERACTION_LIFECYCLE, None, False),
    (EventKey.INTERACTION_REGISTER_CREATE, "Create new register interaction", Category.REGISTER, None, False),
    (EventKey.INTERACTION_REGISTER_SUBMIT, "Submit register interaction", Category.REGISTER, None, False),
    (EventKey.INTERACTION_REGISTER_UPDATE, "Update register interaction", Category.REGISTER, None, False),
    (
        EventKey.INTERACTION_REGISTER_IDENTIFIER_SUBMIT,
        "Create and identify new user for register interaction",
        Category.REGISTER,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_REGISTER_IDENTIFIER_VERIFICATION_CODE_CREATE,
        "Create and send register identifier with verification code",
        Category.REGISTER,
        None,
        True,
    ),
    (
        EventKey.INTERACTION_REGISTER_IDENTIFIER_VERIFICATION_CODE_SUBMIT,
        "Submit and verify register verification code",
        Category.REGISTER,
        None,
        True,
    ),
    (
        EventKey.INTERACTION_REGISTER_VERIFICATION_NEW_PASSWORD_SUBMIT,
        "Create new password identity for register",
        Category.REGISTER,
        "Interaction.Register.Verification.NewPasswordIdentity.Submit",
        False,
    ),
    (
        EventKey.INTERACTION_REGISTER_VERIFICATION_PASSWORD_SUBMIT,
        "Create and verify identifier with password verification",
        Category.REGISTER,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_REGISTER_VERIFICATION_EMAIL_VERIFICATION_CODE_CREATE,
        "Create and send register email verification code",
        Category.REGISTER,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_REGISTER_VERIFICATION_EMAIL_VERIFICATION_CODE_SUBMIT,
        "Verify register email verification code",
        Category.REGISTER,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_REGISTER_VERIFICATION_SMS_VERIFICATION_CODE_CREATE,
        "Create and send register SMS verification code",
        Category.REGISTER,
        "Interaction.Register.Verification.PhoneVerificationCode.Create",
        False,
    ),
    (
        EventKey.INTERACTION_REGISTER_VERIFICATION_SMS_VERIFICATION_CODE_SUBMIT,
        "Verify register SMS verification code",
        Category.REGISTER,
        "Interaction.Register.Verification.PhoneVerificationCode.Submit",
        False,
    ),
    (
        EventKey.INTERACTION_REGISTER_VERIFICATION_SOCIAL_CREATE,
        "Create social authentication URL",
        Category.REGISTER,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_REGISTER_VERIFICATION_SOCIAL_SUBMIT,
        "Verify social authentication",
        Category.REGISTER,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_REGISTER_VERIFICATION_ENTERPRISE_SSO_CREATE,
        "Create enterprise SSO authentication URL",
        Category.REGISTER,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_REGISTER_VERIFICATION_ENTERPRISE_SSO_SUBMIT,
        "Verify enterprise SSO authentication",
        Category.REGISTER,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_REGISTER_PROFILE_CREATE,
        "Put new register interaction profile",
        Category.REGISTER,
        None,
        True,
    ),
    (
        EventKey.INTERACTION_REGISTER_PROFILE_DELETE,
        "Delete register interaction profile",
        Category.REGISTER,
        None,
        True,
    ),
    (
        EventKey.INTERACTION_REGISTER_PROFILE_UPDATE,
        "Patch update register interaction profile",
        Category.REGISTER,
        None,
        False,
    ),
    (EventKey.INTERACTION_SIGN_IN_CREATE, "Create new sign-in interaction", Category.SIGN_IN, None, False),
    (EventKey.INTERACTION_SIGN_IN_SUBMIT, "Submit sign-in interaction", Category.SIGN_IN, None, False),
    (EventKey.INTERACTION_SIGN_IN_UPDATE, "Update sign-in interaction", Category.SIGN_IN, None, False),
    (
        EventKey.INTERACTION_SIGN_IN_IDENTIFIER_SUBMIT,
        "Identify user for sign-in interaction",
        Category.SIGN_IN,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_SIGN_IN_IDENTIFIER_PASSWORD_SUBMIT,
        "Submit sign-in identifier with password",
        Category.SIGN_IN,
        None,
        True,
    ),
    (
        EventKey.INTERACTION_SIGN_IN_VERIFICATION_NEW_PASSWORD_SUBMIT,
        "Create new password identity for register",
        Category.SIGN_IN,
        "Interaction.SignIn.Verification.NewPasswordIdentity.Submit",
        False,
    ),
    (
        EventKey.INTERACTION_SIGN_IN_VERIFICATION_PASSWORD_SUBMIT,
        "Create and verify identifier with password verification",
        Category.SIGN_IN,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_SIGN_IN_IDENTIFIER_VERIFICATION_CODE_CREATE,
        "Create and send sign-in verification code",
        Category.SIGN_IN,
        None,
        True,
    ),
    (
        EventKey.INTERACTION_SIGN_IN_IDENTIFIER_VERIFICATION_CODE_SUBMIT,
        "Submit and verify sign-in identifier with verification code",
        Category.SIGN_IN,
        None,
        True,
    ),
    (
        EventKey.INTERACTION_SIGN_IN_VERIFICATION_EMAIL_VERIFICATION_CODE_CREATE,
        "Create and send sign-in email verification code",
        Category.SIGN_IN,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_SIGN_IN_VERIFICATION_EMAIL_VERIFICATION_CODE_SUBMIT,
        "Verify sign-in email verification code",
        Category.SIGN_IN,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_SIGN_IN_VERIFICATION_SMS_VERIFICATION_CODE_CREATE,
        "Create and send sign-in SMS verification code",
        Category.SIGN_IN,
        "Interaction.SignIn.Verification.PhoneVerificationCode.Create",
        False,
    ),
    (
        EventKey.INTERACTION_SIGN_IN_VERIFICATION_SMS_VERIFICATION_CODE_SUBMIT,
        "Verify sign-in SMS verification code",
        Category.SIGN_IN,
        "Interaction.SignIn.Verification.PhoneVerificationCode.Submit",
        False,
    ),
    (
        EventKey.INTERACTION_SIGN_IN_IDENTIFIER_SOCIAL_CREATE,
        "Create social sign-in authorization-url",
        Category.SIGN_IN,
        None,
        True,
    ),
    (
        EventKey.INTERACTION_SIGN_IN_IDENTIFIER_SOCIAL_SUBMIT,
        "Authenticate and submit social identifier",
        Category.SIGN_IN,
        None,
        True,
    ),
    (
        EventKey.INTERACTION_SIGN_IN_VERIFICATION_SOCIAL_CREATE,
        "Create social authentication URL",
        Category.SIGN_IN,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_SIGN_IN_VERIFICATION_SOCIAL_SUBMIT,
        "Verify social authentication",
        Category.SIGN_IN,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_SIGN_IN_IDENTIFIER_SINGLE_SIGN_ON_CREATE,
        "Create single-sign-on authentication session",
        Category.SIGN_IN,
        None,
        True,
    ),
    (
        EventKey.INTERACTION_SIGN_IN_IDENTIFIER_SINGLE_SIGN_ON_SUBMIT,
        "Submit single-sign-on authentication interaction",
        Category.SIGN_IN,
        None,
        True,
    ),
    (
        EventKey.INTERACTION_SIGN_IN_VERIFICATION_ENTERPRISE_SSO_CREATE,
        "Create enterprise SSO authentication URL",
        Category.SIGN_IN,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_SIGN_IN_VERIFICATION_ENTERPRISE_SSO_SUBMIT,
        "Verify enterprise SSO authentication",
        Category.SIGN_IN,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_SIGN_IN_VERIFICATION_IDP_INITIATED_SSO_CREATE,
        "Create IdP-initiated SAML SSO authentication session",
        Category.SIGN_IN,
        None,
        False,
    ),
    (EventKey.INTERACTION_SIGN_IN_PROFILE_CREATE, "Put new sign-in interaction profile", Category.SIGN_IN, None, True),
    (EventKey.INTERACTION_SIGN_IN_PROFILE_DELETE, "Delete sign-in interaction profile", Category.SIGN_IN, None, True),
    (
        EventKey.INTERACTION_SIGN_IN_PROFILE_UPDATE,
        "Patch update sign-in interaction profile",
        Category.SIGN_IN,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_FORGOT_PASSWORD_CREATE,
        "Create new forgot-password interaction",
        Category.FORGOT_PASSWORD,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_FORGOT_PASSWORD_SUBMIT,
        "Submit forgot-password interaction",
        Category.FORGOT_PASSWORD,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_FORGOT_PASSWORD_UPDATE,
        "Update forgot-password interaction",
        Category.FORGOT_PASSWORD,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_FORGOT_PASSWORD_IDENTIFIER_SUBMIT,
        "Identify user for forgot-password interaction",
        Category.FORGOT_PASSWORD,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_FORGOT_PASSWORD_IDENTIFIER_VERIFICATION_CODE_CREATE,
        "Create and send forgot-password verification code",
        Category.FORGOT_PASSWORD,
        None,
        True,
    ),
    (
        EventKey.INTERACTION_FORGOT_PASSWORD_IDENTIFIER_VERIFICATION_CODE_SUBMIT,
        "Submit and verify forgot-password verification code",
        Category.FORGOT_PASSWORD,
        None,
        True,
    ),
    (
        EventKey.INTERACTION_FORGOT_PASSWORD_VERIFICATION_EMAIL_VERIFICATION_CODE_CREATE,
        "Create and send forgot-password email verification code",
        Category.FORGOT_PASSWORD,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_FORGOT_PASSWORD_VERIFICATION_EMAIL_VERIFICATION_CODE_SUBMIT,
        "Verify forgot-password email verification code",
        Category.FORGOT_PASSWORD,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_FORGOT_PASSWORD_VERIFICATION_SMS_VERIFICATION_CODE_CREATE,
        "Create and send forgot-password SMS verification code",
        Category.FORGOT_PASSWORD,
        "Interaction.ForgotPassword.Verification.PhoneVerificationCode.Create",
        False,
    ),
    (
        EventKey.INTERACTION_FORGOT_PASSWORD_VERIFICATION_SMS_VERIFICATION_CODE_SUBMIT,
        "Verify forgot-password SMS verification code",
        Category.FORGOT_PASSWORD,
        "Interaction.ForgotPassword.Verification.PhoneVerificationCode.Submit",
        False,
    ),
    (
        EventKey.INTERACTION_FORGOT_PASSWORD_PROFILE_CREATE,
        "Put new forgot-password interaction profile",
        Category.FORGOT_PASSWORD,
        None,
        True,
    ),
    (
        EventKey.INTERACTION_FORGOT_PASSWORD_PROFILE_DELETE,
        "Delete forgot-password interaction profile",
        Category.FORGOT_PASSWORD,
        None,
        True,
    ),
    (
        EventKey.INTERACTION_FORGOT_PASSWORD_PROFILE_UPDATE,
        "Patch update forgot-password interaction profile",
        Category.FORGOT_PASSWORD,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_REGISTER_VERIFICATION_BACKUP_CODE_CREATE,
        "Create backup codes for MFA binding",
        Category.MFA,
        None,
        False,
    ),
    (EventKey.INTERACTION_REGISTER_VERIFICATION_BACKUP_CODE_SUBMIT, "Verify backup code", Category.MFA, None, False),
    (
        EventKey.INTERACTION_REGISTER_VERIFICATION_TOTP_CREATE,
        "Create TOTP verification secret for MFA binding",
        Category.MFA,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_REGISTER_VERIFICATION_TOTP_SUBMIT,
        "Verify TOTP verification code",
        Category.MFA,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_REGISTER_VERIFICATION_WEBAUTHN_CREATE,
        "Create WebAuthn authentication",
        Category.MFA,
        "Interaction.Register.Verification.WebAuthn.Create",
        False,
    ),
    (
        EventKey.INTERACTION_REGISTER_VERIFICATION_WEBAUTHN_SUBMIT,
        "Verify WebAuthn authentication",
        Category.MFA,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_SIGN_IN_VERIFICATION_BACKUP_CODE_CREATE,
        "Create backup codes for MFA binding",
        Category.MFA,
        None,
        False,
    ),
    (EventKey.INTERACTION_SIGN_IN_VERIFICATION_BACKUP_CODE_SUBMIT, "Verify backup code", Category.MFA, None, False),
    (
        EventKey.INTERACTION_SIGN_IN_VERIFICATION_TOTP_CREATE,
        "Create TOTP verification secret for MFA binding",
        Category.MFA,
        None,
        False,
    ),
    (EventKey.INTERACTION_SIGN_IN_VERIFICATION_TOTP_SUBMIT, "Verify TOTP verification code", Category.MFA, None, False),
    (
        EventKey.INTERACTION_SIGN_IN_VERIFICATION_WEBAUTHN_CREATE,
        "Create WebAuthn authentication",
        Category.MFA,
        "Interaction.SignIn.Verification.WebAuthn.Create",
        False,
    ),
    (
        EventKey.INTERACTION_SIGN_IN_VERIFICATION_WEBAUTHN_SUBMIT,
        "Verify WebAuthn authentication",
        Category.MFA,
        None,
        False,
    ),
    (
        EventKey.SAML_APPLICATION_AUTHN_REQUEST,
        "Receive SAML application authentication request",
        Category.SAML_APPLICATION,
        None,
        False,
    ),
    (EventKey.SAML_APPLICATION_CALLBACK, "Handle SAML application callback", Category.SAML_APPLICATION, None, False),
    (EventKey.INTERACTION_CREATE_CAPTCHA, "CAPTCHA verification", Category.SECURITY, None, False),
)
UNDOCUMENTED: Final[tuple[Row, ...]] = (
    (
        EventKey.ACTION_POST_FIRST_FACTOR_VERIFICATION,
        "Execute Post first-factor verification Action",
        Category.ACTIONS,
        None,
        False,
    ),
    (EventKey.ACTION_POST_SIGN_IN, "Execute Post sign-in Action", Category.ACTIONS, None, False),
    (EventKey.EXCHANGE_TOKEN_BY_DEVICE_CODE, "Exchange token by Device Code", Category.EXCHANGE_TOKEN, None, False),
    (EventKey.EXCHANGE_TOKEN_BY_UNKNOWN, "Exchange token by unknown grant type", Category.EXCHANGE_TOKEN, None, False),
    (
        EventKey.INTERACTION_FORGOT_PASSWORD_BIND_MFA_BACKUP_CODE_SUBMIT,
        "Bind backup code MFA in forgot-password interaction",
        Category.MFA,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_FORGOT_PASSWORD_BIND_MFA_EMAIL_VERIFICATION_CODE_SUBMIT,
        "Bind email verification code MFA in forgot-password interaction",
        Category.MFA,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_FORGOT_PASSWORD_BIND_MFA_PHONE_VERIFICATION_CODE_SUBMIT,
        "Bind SMS verification code MFA in forgot-password interaction",
        Category.MFA,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_FORGOT_PASSWORD_BIND_MFA_TOTP_CREATE,
        "Create TOTP secret for forgot-password MFA binding",
        Category.MFA,
        None,
        True,
    ),
    (
        EventKey.INTERACTION_FORGOT_PASSWORD_BIND_MFA_TOTP_SUBMIT,
        "Bind TOTP MFA in forgot-password interaction",
        Category.MFA,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_FORGOT_PASSWORD_BIND_MFA_WEBAUTHN_CREATE,
        "Create WebAuthn registration for forgot-password MFA binding",
        Category.MFA,
        None,
        True,
    ),
    (
        EventKey.INTERACTION_FORGOT_PASSWORD_BIND_MFA_WEBAUTHN_SUBMIT,
        "Bind WebAuthn MFA in forgot-password interaction",
        Category.MFA,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_FORGOT_PASSWORD_SIGN_IN_PASSKEY_SUBMIT,
        "Submit passkey sign-in for forgot-password interaction",
        Category.FORGOT_PASSWORD,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_FORGOT_PASSWORD_VERIFICATION_BACKUP_CODE_CREATE,
        "Create backup codes for MFA binding",
        Category.MFA,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_FORGOT_PASSWORD_VERIFICATION_BACKUP_CODE_SUBMIT,
        "Verify backup code",
        Category.MFA,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_FORGOT_PASSWORD_VERIFICATION_ENTERPRISE_SSO_CREATE,
        "Create enterprise SSO authentication URL",
        Category.FORGOT_PASSWORD,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_FORGOT_PASSWORD_VERIFICATION_ENTERPRISE_SSO_SUBMIT,
        "Verify enterprise SSO authentication",
        Category.FORGOT_PASSWORD,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_FORGOT_PASSWORD_VERIFICATION_NEW_PASSWORD_IDENTITY_SUBMIT,
        "Create new password identity for forgot-password",
        Category.FORGOT_PASSWORD,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_FORGOT_PASSWORD_VERIFICATION_ONE_TIME_TOKEN_SUBMIT,
        "Verify one-time token",
        Category.FORGOT_PASSWORD,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_FORGOT_PASSWORD_VERIFICATION_PASSWORD_SUBMIT,
        "Create and verify identifier with password verification",
        Category.FORGOT_PASSWORD,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_FORGOT_PASSWORD_VERIFICATION_SIGN_IN_PASSKEY_CREATE,
        "Create passkey sign-in authentication",
        Category.FORGOT_PASSWORD,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_FORGOT_PASSWORD_VERIFICATION_SIGN_IN_PASSKEY_SUBMIT,
        "Verify passkey sign-in authentication",
        Category.FORGOT_PASSWORD,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_FORGOT_PASSWORD_VERIFICATION_SOCIAL_CREATE,
        "Create social authentication URL",
        Category.FORGOT_PASSWORD,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_FORGOT_PASSWORD_VERIFICATION_SOCIAL_SUBMIT,
        "Verify social authentication",
        Category.FORGOT_PASSWORD,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_FORGOT_PASSWORD_VERIFICATION_TOTP_CREATE,
        "Create TOTP verification secret for MFA binding",
        Category.MFA,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_FORGOT_PASSWORD_VERIFICATION_TOTP_SUBMIT,
        "Verify TOTP verification code",
        Category.MFA,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_FORGOT_PASSWORD_VERIFICATION_WEBAUTHN_CREATE,
        "Create WebAuthn authentication",
        Category.MFA,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_FORGOT_PASSWORD_VERIFICATION_WEBAUTHN_SUBMIT,
        "Verify WebAuthn authentication",
        Category.MFA,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_REGISTER_BIND_MFA_BACKUP_CODE_SUBMIT,
        "Bind backup code MFA in register interaction",
        Category.MFA,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_REGISTER_BIND_MFA_EMAIL_VERIFICATION_CODE_SUBMIT,
        "Bind email verification code MFA in register interaction",
        Category.MFA,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_REGISTER_BIND_MFA_PHONE_VERIFICATION_CODE_SUBMIT,
        "Bind SMS verification code MFA in register interaction",
        Category.MFA,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_REGISTER_BIND_MFA_TOTP_CREATE,
        "Create TOTP secret for register MFA binding",
        Category.MFA,
        None,
        True,
    ),
    (
        EventKey.INTERACTION_REGISTER_BIND_MFA_TOTP_SUBMIT,
        "Bind TOTP MFA in register interaction",
        Category.MFA,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_REGISTER_BIND_MFA_WEBAUTHN_CREATE,
        "Create WebAuthn registration for register MFA binding",
        Category.MFA,
        None,
        True,
    ),
    (
        EventKey.INTERACTION_REGISTER_BIND_MFA_WEBAUTHN_SUBMIT,
        "Bind WebAuthn MFA in register interaction",
        Category.MFA,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_REGISTER_IDENTIFIER_PASSWORD_SUBMIT,
        "Submit register identifier with password",
        Category.REGISTER,
        None,
        True,
    ),
    (
        EventKey.INTERACTION_REGISTER_IDENTIFIER_SOCIAL_CREATE,
        "Create social register authorization-url",
        Category.REGISTER,
        None,
        True,
    ),
    (
        EventKey.INTERACTION_REGISTER_SIGN_IN_PASSKEY_SUBMIT,
        "Submit passkey sign-in for register interaction",
        Category.REGISTER,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_REGISTER_VERIFICATION_ONE_TIME_TOKEN_SUBMIT,
        "Verify one-time token",
        Category.REGISTER,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_REGISTER_VERIFICATION_SIGN_IN_PASSKEY_CREATE,
        "Create passkey sign-in authentication",
        Category.REGISTER,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_REGISTER_VERIFICATION_SIGN_IN_PASSKEY_SUBMIT,
        "Verify passkey sign-in authentication",
        Category.REGISTER,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_SIGN_IN_BIND_MFA_BACKUP_CODE_SUBMIT,
        "Bind backup code MFA in sign-in interaction",
        Category.MFA,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_SIGN_IN_BIND_MFA_EMAIL_VERIFICATION_CODE_SUBMIT,
        "Bind email verification code MFA in sign-in interaction",
        Category.MFA,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_SIGN_IN_BIND_MFA_PHONE_VERIFICATION_CODE_SUBMIT,
        "Bind SMS verification code MFA in sign-in interaction",
        Category.MFA,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_SIGN_IN_BIND_MFA_TOTP_CREATE,
        "Create TOTP secret for sign-in MFA binding",
        Category.MFA,
        None,
        True,
    ),
    (
        EventKey.INTERACTION_SIGN_IN_BIND_MFA_TOTP_SUBMIT,
        "Bind TOTP MFA in sign-in interaction",
        Category.MFA,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_SIGN_IN_BIND_MFA_WEBAUTHN_CREATE,
        "Create WebAuthn registration for sign-in MFA binding",
        Category.MFA,
        None,
        True,
    ),
    (
        EventKey.INTERACTION_SIGN_IN_BIND_MFA_WEBAUTHN_SUBMIT,
        "Bind WebAuthn MFA in sign-in interaction",
        Category.MFA,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_SIGN_IN_MFA_BACKUP_CODE_SUBMIT,
        "Verify backup code MFA for sign-in",
        Category.MFA,
        None,
        True,
    ),
    (EventKey.INTERACTION_SIGN_IN_MFA_TOTP_SUBMIT, "Verify TOTP MFA for sign-in", Category.MFA, None, True),
    (
        EventKey.INTERACTION_SIGN_IN_MFA_WEBAUTHN_CREATE,
        "Create WebAuthn MFA authentication for sign-in",
        Category.MFA,
        None,
        True,
    ),
    (EventKey.INTERACTION_SIGN_IN_MFA_WEBAUTHN_SUBMIT, "Verify WebAuthn MFA for sign-in", Category.MFA, None, True),
    (
        EventKey.INTERACTION_SIGN_IN_SIGN_IN_PASSKEY_SUBMIT,
        "Submit passkey sign-in for sign-in interaction",
        Category.SIGN_IN,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_SIGN_IN_VERIFICATION_ONE_TIME_TOKEN_SUBMIT,
        "Verify one-time token",
        Category.SIGN_IN,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_SIGN_IN_VERIFICATION_SIGN_IN_PASSKEY_CREATE,
        "Create passkey sign-in authentication",
        Category.SIGN_IN,
        None,
        False,
    ),
    (
        EventKey.INTERACTION_SIGN_IN_VERIFICATION_SIGN_IN_PASSKEY_SUBMIT,
        "Verify passkey sign-in authentication",
        Category.SIGN_IN,
        None,
        False,
    ),
    (EventKey.REVOKE_GRANTS, "Revoke grants", Category.TOKEN_REVOCATION, None, False),
    (EventKey.REVOKE_TOKEN, "Revoke token", Category.TOKEN_REVOCATION, None, False),
    (EventKey.TRUSTED_DEVICE_CREATED, "Create trusted device", Category.MFA, None, False),
    (EventKey.TRUSTED_DEVICE_USED, "Use trusted device", Category.MFA, None, False),
)
