import Domain
import Hummingbird

/// `POST /api/v1/auth/register` body. Fields are optional here so that a missing one is reported
/// like any other invalid field, next to its name.
struct RegisterDTO: Decodable, Sendable {
    var email: String?
    var password: String?
    var name: String?
    /// A solved CAPTCHA (`challenge:nonce`), when the CAPTCHA is on.
    var captcha: String?

    var form: RegistrationForm { RegistrationForm(email: email ?? "", password: password ?? "", name: name ?? "") }
}

/// `POST /api/v1/auth/login` body.
struct LoginDTO: Decodable, Sendable {
    var email: String?
    var password: String?
    /// A name for the device, shown on the devices list (e.g. "Ann's laptop").
    var deviceName: String?
    /// A solved CAPTCHA, asked for after failed sign-ins.
    var captcha: String?

    func validated() throws -> (email: String, password: String) {
        var errors: [FieldError] = []
        if (email ?? "").isEmpty { errors.append(FieldError(field: "email", message: "Enter your e-mail address.")) }
        if (password ?? "").isEmpty { errors.append(FieldError(field: "password", message: "Enter your password.")) }
        if let d = deviceName, d.count > 100 { errors.append(FieldError(field: "deviceName", message: "A device name can have at most 100 characters.")) }
        if !errors.isEmpty { throw ValidationFailure(errors) }
        return (email!, password!)
    }
}

/// `{email}`: forgot-password and resend-verification.
struct EmailDTO: Decodable, Sendable {
    var email: String?
    var captcha: String?
    func validated() throws -> String {
        guard let email, !email.isEmpty else { throw ValidationFailure([FieldError(field: "email", message: "Enter your e-mail address.")]) }
        return email
    }
}

/// `POST /api/v1/auth/reset-password` body.
struct ResetPasswordDTO: Decodable, Sendable {
    var token: String?
    var newPassword: String?
    func validated() throws -> (String, String) {
        var errors: [FieldError] = []
        if (token ?? "").isEmpty { errors.append(FieldError(field: "token", message: "The reset link's token is missing; open the link from the e-mail again.")) }
        if (newPassword ?? "").isEmpty { errors.append(FieldError(field: "newPassword", message: "Enter a new password.")) }
        if !errors.isEmpty { throw ValidationFailure(errors) }
        return (token!, newPassword!)
    }
}

/// `POST /api/v1/auth/refresh-token` body.
struct RefreshTokenDTO: Decodable, Sendable {
    var refreshToken: String?
    func validated() throws -> String {
        guard let refreshToken, !refreshToken.isEmpty else { throw ValidationFailure([FieldError(field: "refreshToken", message: "`refreshToken` is required.")]) }
        return refreshToken
    }
}

/// `POST /api/v1/auth/verify-email` body.
struct VerifyEmailDTO: Decodable, Sendable {
    var token: String?
    func validated() throws -> String {
        guard let token, !token.isEmpty else { throw ValidationFailure([FieldError(field: "token", message: "The verification link's token is missing; open the link from the e-mail again.")]) }
        return token
    }
}

/// `POST /api/v1/auth/change-password` body.
struct ChangePasswordDTO: Decodable, Sendable {
    var currentPassword: String?
    var newPassword: String?
    func validated() throws -> (String, String) {
        var errors: [FieldError] = []
        if (currentPassword ?? "").isEmpty { errors.append(FieldError(field: "currentPassword", message: "Enter your current password.")) }
        if (newPassword ?? "").isEmpty { errors.append(FieldError(field: "newPassword", message: "Enter a new password.")) }
        if !errors.isEmpty { throw ValidationFailure(errors) }
        return (currentPassword!, newPassword!)
    }
}

/// `POST /api/v1/auth/login/second-factor` body: the challenge and a code or a recovery code.
struct SecondFactorDTO: Decodable, Sendable {
    var challenge: String?
    var code: String?
    var recoveryCode: String?
    var deviceName: String?
    func validated() throws -> String {
        var errors: [FieldError] = []
        if (challenge ?? "").isEmpty { errors.append(FieldError(field: "challenge", message: "`challenge` from the sign-in answer is required.")) }
        if (code ?? "").isEmpty && (recoveryCode ?? "").isEmpty { errors.append(FieldError(field: "code", message: "Enter the code from your app (or a recovery code).")) }
        if !errors.isEmpty { throw ValidationFailure(errors) }
        return challenge!
    }
}

/// The answer to a correct password when a second factor comes next.
struct SecondFactorResponse: ResponseEncodable, Sendable {
    var status = "second-factor-required"
    var challenge: String
    var method: String
    var expiresIn: Int
    var riskySignIn: Bool
}

/// The answer to a registration: always the same, whether or not the address was already registered.
struct RegistrationAccepted: ResponseEncodable, Sendable {
    var status = "accepted"
    var message = "If this address was not registered yet, the account is ready and a verification link is on its way. If it was, its owner has been told."
}

/// The answer to requests whose outcome must not reveal whether an address has an account.
struct RequestAccepted: ResponseEncodable, Sendable {
    var status = "accepted"
    var message: String
    /// After a password change: a fresh access token for the same session.
    var accessToken: String?
    var expiresIn: Int?
}

/// The answer to a successful sign-in or refresh.
struct TokenResponse: ResponseEncodable, Sendable {
    var accessToken: String
    var refreshToken: String
    var tokenType = "Bearer"
    var expiresIn: Int
    var passwordChangeRequired: Bool

    init(_ tokens: SessionTokens) {
        accessToken = tokens.accessToken
        refreshToken = tokens.refreshToken
        expiresIn = tokens.expiresIn
        passwordChangeRequired = tokens.passwordChangeRequired
    }
}
