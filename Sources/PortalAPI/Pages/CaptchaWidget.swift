import Foundation
import Hummingbird

/// The anti-bot check on the sign-up and forgot-password forms, and on the sign-in form once the
/// service asks for it. The page carries a signed challenge in data attributes and `captcha.js`
/// solves it in the browser into the hidden `captcha` field; nothing else is fetched.
///
/// Every rendering gets a fresh challenge, because a challenge is accepted once: a form shown again
/// after a refusal must not carry the one that was just spent.
enum CaptchaWidget {
    static let script = "captcha.js"

    /// Template values (`captcha.challenge`, `captcha.difficulty`, `captcha.refusal`) for a challenge.
    static func values(_ challenge: CaptchaChallenge, refusal: String? = nil) -> [String: Any] {
        var values: [String: Any] = ["challenge": challenge.challenge, "difficulty": challenge.difficulty]
        if let refusal { values["refusal"] = refusal }
        return values
    }

    /// Why the sign-in form comes back with the check when it did not carry one.
    static let nowNeededOnSignIn = "After several failed attempts, signing in needs an anti-bot check too. It runs by itself in your browser: "
        + "enter your password again and sign in."

    /// What the page says when the service refused the check. A missing solution means the page's
    /// script did not run, which a person fixes by turning JavaScript on; the service's own words
    /// for that case are meant for API clients.
    static func message(for reason: String) -> String {
        reason == ProofOfWorkCaptcha.Refusal.missing.description
            ? "This form needs JavaScript for its anti-bot check. Turn JavaScript on for this site, then send the form again."
            : reason
    }
}

extension PageSupport {
    /// Adds the check to a form's values and scripts: `challenge` when the service just handed one
    /// out, a fresh one otherwise. Adds nothing when the CAPTCHA is turned off.
    func addCaptcha(to values: inout [String: Any], scripts: inout [String], challenge: CaptchaChallenge? = nil, refusal: String? = nil) {
        guard let challenge = challenge ?? identity.captcha?.challenge() else { return }
        values["captcha"] = CaptchaWidget.values(challenge, refusal: refusal)
        if !scripts.contains(CaptchaWidget.script) { scripts.append(CaptchaWidget.script) }
    }

    /// Renders a form page that carries the check (when `captcha` is true and the CAPTCHA is on).
    func renderForm(_ template: String, title: String, request: Request, context: PortalRequestContext, data: [String: Any] = [:],
                    section: PageChrome.Section? = nil, scripts: [String] = [], captcha: Bool) -> Response {
        var values = data, scripts = scripts
        if captcha { addCaptcha(to: &values, scripts: &scripts) }
        return render(template, title: title, request: request, context: context, data: values, section: section, scripts: scripts)
    }
}
