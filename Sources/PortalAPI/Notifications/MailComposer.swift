import Domain
import Foundation
import Mail

/// The words of each notification: short, plain, and telling the reader what to do.
struct MailComposer: Sendable {
    let from: MailAddress
    let baseURL: String

    func message(for plan: NotificationPlan, to address: String, name: String, causation: UUID) throws -> MailMessage {
        let (subject, body) = text(plan, name: name)
        return try MailMessage(
            from: from, to: [try MailAddress(address, displayName: name)], subject: subject, textBody: body,
            messageID: "<\(causation.uuidString.lowercased())@customer-portal>")
    }

    private func text(_ plan: NotificationPlan, name: String) -> (String, String) {
        let f = plan.facts
        let signIn = "\(baseURL)/signin"
        let footer = "\n\n— Customer Portal\nYou get this message because it concerns the security of your account."
        let notYou = "If this was not you, reset your password now at \(baseURL)/forgot-password — that also signs out every device."
        switch plan.kind {
        case .verifyEmail:
            return ("Confirm your e-mail address",
                    "Hello \(name),\n\nplease confirm that this address is yours by opening this link:\n\n\(plan.link ?? "")\n\n"
                    + "The link works once, until \(f["expires"] ?? "it expires"). Until then you can sign in, but not open support requests."
                    + "\n\nIf you did not create an account, ignore this message." + footer)
        case .resetPassword:
            return ("Choose a new password",
                    "Hello \(name),\n\nsomeone (from \(f["ip"] ?? "?")) asked to reset your password. To choose a new one, open:\n\n\(plan.link ?? "")\n\n"
                    + "The link works once, until \(f["expires"] ?? "it expires"). Choosing a new password signs out every device."
                    + "\n\nIf you did not ask for this, ignore this message: your password stays as it is." + footer)
        case .passwordReset:
            return ("Your password was reset",
                    "Hello \(name),\n\nyour password was reset on \(f["when"] ?? "") from \(f["ip"] ?? "?"), and every device was signed out.\n\n"
                    + "If this was not you, contact support at once." + footer)
        case .passwordChanged:
            return ("Your password was changed",
                    "Hello \(name),\n\nyour password was changed on \(f["when"] ?? "") from \(f["ip"] ?? "?"); your other devices were signed out.\n\n" + notYou + footer)
        case .newDeviceSignIn:
            return ("New sign-in to your account",
                    "Hello \(name),\n\nyour account was signed in from a device we had not seen before:\n\n"
                    + "  When:    \(f["when"] ?? "")\n  Device:  \(f["device"] ?? "")\n  Address: \(f["ip"] ?? "")\n\n"
                    + "If this was you, there is nothing to do. " + notYou + "\nYou can review your devices at \(baseURL)/account/sessions." + footer)
        case .accountLocked:
            return ("Your account is locked for a while",
                    "Hello \(name),\n\nafter \(f["failures"] ?? "several") failed sign-ins in a row, signing in with your password is paused until \(f["until"] ?? "").\n\n"
                    + "If these attempts were not yours, someone may be guessing your password; it is still safe. "
                    + "You can get back in at once by choosing a new password at \(baseURL)/forgot-password." + footer)
        case .refreshTokenReused:
            return ("We blocked a copy of your sign-in",
                    "Hello \(name),\n\na sign-in token of one of your devices was used twice (on \(f["when"] ?? "") from \(f["ip"] ?? "?")), "
                    + "which means someone may have copied it. We signed that device out.\n\nSign in again at \(signIn). " + notYou + footer)
        case .duplicateRegistration:
            return ("Someone tried to create an account with your address",
                    "Hello \(name),\n\non \(f["when"] ?? "") someone (from \(f["ip"] ?? "?")) tried to create a new account with this e-mail address. "
                    + "You already have one, so nothing was created.\n\nIf you forgot your password, you can choose a new one at \(baseURL)/forgot-password." + footer)
        case .signInCode:
            return ("Your sign-in code: \(f["code"] ?? "")",
                    "Hello \(name),\n\na sign-in to your account looked unusual, so we ask for this code before letting it in:\n\n    \(f["code"] ?? "")\n\n"
                    + "  When:    \(f["when"] ?? "")\n  Device:  \(f["device"] ?? "")\n  Address: \(f["ip"] ?? "")\n\n"
                    + "The code works until \(f["expires"] ?? "it expires"). If you are not signing in right now, do not share it: "
                    + "someone knows your password. Choose a new one at \(baseURL)/forgot-password." + footer)
        case .unusualSignIn:
            return ("Unusual sign-in attempt",
                    "Hello \(name),\n\nsomeone signed in to your account with the right password from an unusual place and was asked for a code from your authenticator app:\n\n"
                    + "  When:    \(f["when"] ?? "")\n  Device:  \(f["device"] ?? "")\n  Address: \(f["ip"] ?? "")\n\n"
                    + "If this was you, there is nothing to do. " + notYou + footer)
        case .twoFactorEnabled:
            return ("Two-factor authentication is on",
                    "Hello \(name),\n\ntwo-factor authentication was turned on for your account on \(f["when"] ?? "") from \(f["ip"] ?? "?"). "
                    + "From now on, signing in needs a code from your authenticator app (or one of your recovery codes).\n\n" + notYou + footer)
        case .twoFactorDisabled:
            return ("Two-factor authentication is off",
                    "Hello \(name),\n\ntwo-factor authentication was turned off for your account on \(f["when"] ?? "") from \(f["ip"] ?? "?").\n\n"
                    + notYou + " You can turn it on again at \(baseURL)/account/security." + footer)
        case .ticketReplied, .ticketStatusChanged, .ticketSolved:
            return ticketText(plan, name: name)
        case .accountFlaggedCompromised:
            return ("Your account was secured",
                    "Hello \(name),\n\nour team marked your account as possibly compromised and signed out every device. "
                    + "When you next sign in at \(signIn), you will be asked to choose a new password." + footer)
        }
    }

    /// Ticket mails: what happened, the agent's words, the link; for a solved ticket the rating links.
    private func ticketText(_ plan: NotificationPlan, name: String) -> (String, String) {
        let f = plan.facts
        let subject = "[#\(f["reference"] ?? "")] \(f["subject"] ?? "Your ticket")"
        let footer = "\n\n— Customer Portal\nYou can choose which ticket e-mails you get at \(baseURL)/account/notifications."
        let reply = f["reply"].map { "\n\n" + $0.split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }.joined(separator: "\n") } ?? ""
        let open = "\n\nSee the whole conversation and answer at \(f["ticket"] ?? baseURL)"
        switch plan.kind {
        case .ticketReplied:
            return ("Re: " + subject, "Hello \(name),\n\nour support team answered your ticket “\(f["subject"] ?? "")”:" + reply + open + footer)
        case .ticketSolved:
            let summary = f["reason"].map { "\n\nHow it was solved: \($0)" } ?? ""
            return ("Solved: " + subject,
                    "Hello \(name),\n\nwe consider your ticket “\(f["subject"] ?? "")” solved." + reply + summary
                    + "\n\nHow did we do? Choose a rating (the page asks you to confirm it):\n\n\(f["rating"] ?? "")"
                    + "\n\nIf the problem is not solved, simply reply on the ticket page and it opens again:\n\(f["ticket"] ?? baseURL)" + footer)
        default:
            let words = ["pending": "is waiting for your answer", "open": "was opened again", "closed": "was closed", "new": "is new"][f["status"] ?? ""] ?? "changed"
            let reason = f["reason"].map { "\n\nNote from the team: \($0)" } ?? ""
            return ("Update: " + subject, "Hello \(name),\n\nyour ticket “\(f["subject"] ?? "")” \(words)." + reply + reason + open + footer)
        }
    }
}
