import Domain
import Foundation
import Testing

@Suite("Registering")
struct RegistrationTests {
    let newID = UUID(uuidString: "0190f5d2-3333-7000-8000-00000000000c")!
    var command: RegisterCustomer {
        RegisterCustomer(email: try! EmailAddress("Ann@Example.com"), name: try! PersonName("Ann"), emailKey: Fixtures.emailKey, passwordHash: "$argon2id$x",
                         verification: Fixtures.verification)
    }

    @Test func aFreeAddressCreatesTheAccountAndItsReservationTogether() {
        let decision = Registration.decide(command, reservation: EmailReservation(), policy: SessionPolicy(), context: FixedContext.make(ids: [newID]))
        let id = AccountID(newID)
        #expect(decision == .created(
            id, reservation: EmailAddressReserved(accountID: id),
            account: CustomerRegistered(accountID: id, emailKey: Fixtures.emailKey, personal: .init(email: "ann@example.com", name: "Ann", passwordHash: "$argon2id$x")),
            verification: EmailVerificationRequested(accountID: id, requestID: Fixtures.verification.requestID, tokenHash: "verify-hash",
                                                     expiresAt: FixedContext.now.addingTimeInterval(SessionPolicy().verificationLinkLifetime))))
    }

    @Test func aTakenAddressOnlyTellsItsOwner() {
        let held = EmailReservation().evolve(EmailAddressReserved(accountID: Fixtures.accountID))
        let decision = Registration.decide(command, reservation: held, policy: SessionPolicy(), context: FixedContext.make())
        #expect(decision == .alreadyRegistered(Fixtures.accountID, DuplicateRegistrationAttempted(accountID: Fixtures.accountID)))
    }

    @Test func aReleasedAddressCanBeRegisteredAgain() {
        let released = EmailReservation()
            .evolve(EmailAddressReserved(accountID: Fixtures.accountID))
            .evolve(EmailAddressReleased(accountID: Fixtures.accountID))
        guard case .created = Registration.decide(command, reservation: released, policy: SessionPolicy(), context: FixedContext.make(ids: [newID])) else {
            Issue.record("expected a new account")
            return
        }
    }

    @Test func theFormReportsEveryProblemAtOnce() {
        let form = RegistrationForm(email: "not-an-address", password: "short", name: "  ")
        #expect(throws: ValidationFailure([
            FieldError(field: "email", message: "Enter an e-mail address like name@example.com."),
            FieldError(field: "name", message: "Enter your name."),
            FieldError(field: "password", message: "Use at least 8 characters; a few unrelated words make a strong password."),
        ])) { try form.validate(policy: PasswordPolicy()) }
    }

    @Test func aValidFormYieldsNormalizedValues() throws {
        let (email, name) = try RegistrationForm(email: "  Ann.Lee@Example.COM ", password: "correct horse battery", name: " Ann Lee ").validate(policy: PasswordPolicy())
        #expect(email.value == "ann.lee@example.com")
        #expect(name.value == "Ann Lee")
    }

    @Test func erasureReleasesTheAddressOnce() throws {
        let (erased, released) = try AccountScenario.given(Fixtures.registered).state.decideErasure(by: "portalctl")
        #expect(erased == PersonalDataErased(accountID: Fixtures.accountID, erasedBy: "portalctl"))
        #expect(released == EmailAddressReleased(accountID: Fixtures.accountID))
        let after = AccountScenario.given(Fixtures.registered, .personalDataErased(erased)).state
        #expect(after.status == .erased)
        #expect(after.email == nil && after.name == nil && after.passwordHash == nil)
        #expect(throws: DomainError.rejected("the account's personal data has been erased")) { try after.decideErasure(by: "portalctl") }
        #expect(throws: DomainError.notFound("account")) { try Account().decideErasure(by: "portalctl") }
    }
}
