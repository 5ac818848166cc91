import Domain
import Hummingbird

/// `POST /api/v1/auth/register` body. Fields are optional here so that a missing one is reported
/// like any other invalid field, next to its name.
struct RegisterDTO: Decodable, Sendable {
    var email: String?
    var password: String?
    var name: String?

    var form: RegistrationForm { RegistrationForm(email: email ?? "", password: password ?? "", name: name ?? "") }
}

/// `POST /api/v1/auth/login` body.
struct LoginDTO: Decodable, Sendable {
    var email: String?
    var password: String?
    /// A name for the device, shown in the security log (e.g. "Ann's laptop").
    var deviceName: String?

    func validated() throws -> (email: String, password: String) {
        var errors: [FieldError] = []
        if (email ?? "").isEmpty { errors.append(FieldError(field: "email", message: "Enter your e-mail address.")) }
        if (password ?? "").isEmpty { errors.append(FieldError(field: "password", message: "Enter your password.")) }
        if let d = deviceName, d.count > 100 { errors.append(FieldError(field: "deviceName", message: "A device name can have at most 100 characters.")) }
        if !errors.isEmpty { throw ValidationFailure(errors) }
        return (email!, password!)
    }
}

/// The answer to a registration: always the same, whether or not the address was already registered.
struct RegistrationAccepted: ResponseEncodable, Sendable {
    var status = "accepted"
    var message = "If this address was not registered yet, the account is ready and you can sign in. If it was, its owner has been told."
}

/// The answer to a successful sign-in.
struct TokenResponse: ResponseEncodable, Sendable {
    var accessToken: String
    var tokenType = "Bearer"
    var expiresIn: Int
}
