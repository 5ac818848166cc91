import ArgumentParser
import Domain
import EventStore
import Foundation
import Hummingbird
import Logging
import Metrics
import PortalAPI
import Prometheus
import Semantics

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the portal's HTTP server.")

    @OptionGroup var global: GlobalOptions

    @OptionGroup var model: ModelOption

    @Option(help: "Address to listen on (env PORTAL_HOST).")
    var host: String = ProcessInfo.processInfo.environment["PORTAL_HOST"] ?? "127.0.0.1"

    @Option(help: "Port to listen on (env PORTAL_PORT).")
    var port: Int = Int(ProcessInfo.processInfo.environment["PORTAL_PORT"] ?? "") ?? 8080

    @Option(name: .customLong("password-cost"), help: "Argon2id cost: standard (t=2, 64 MiB) or minimum (OWASP's floor: t=2, 19 MiB) (env PORTAL_PASSWORD_COST).")
    var passwordCost: String = ProcessInfo.processInfo.environment["PORTAL_PASSWORD_COST"] ?? "standard"

    @Flag(name: .customLong("insecure-cookies"), help: "Send cookies without the Secure attribute (only for plain HTTP under a name other than localhost).")
    var insecureCookies = false

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error (env LOG_LEVEL).")
    var logLevel: String = ProcessInfo.processInfo.environment["LOG_LEVEL"] ?? "info"

    @Option(name: .customLong("public-url"), help: "The address people reach the portal at, for links in e-mails (env PORTAL_PUBLIC_URL; default http://HOST:PORT).")
    var publicURL: String? = ProcessInfo.processInfo.environment["PORTAL_PUBLIC_URL"]

    @Option(name: .customLong("mail-from"), help: "Sender of the portal's e-mails, e.g. 'Support <support@example.com>' (env PORTAL_MAIL_FROM).")
    var mailFrom: String? = ProcessInfo.processInfo.environment["PORTAL_MAIL_FROM"]

    @Option(name: .customLong("mail-folder"), help: "Without an SMTP host, write e-mails as .eml files here (env PORTAL_MAIL_FOLDER; default DATA/mail).")
    var mailFolder: String? = ProcessInfo.processInfo.environment["PORTAL_MAIL_FOLDER"]

    @Option(name: .customLong("smtp-host"), help: "Send e-mail through this SMTP server (env PORTAL_SMTP_HOST). The password comes only from PORTAL_SMTP_PASSWORD.")
    var smtpHost: String? = ProcessInfo.processInfo.environment["PORTAL_SMTP_HOST"]

    @Option(name: .customLong("smtp-port"), help: "SMTP port (env PORTAL_SMTP_PORT; default 587, or 465 with --smtp-security tls).")
    var smtpPort: Int? = Int(ProcessInfo.processInfo.environment["PORTAL_SMTP_PORT"] ?? "")

    @Option(name: .customLong("smtp-security"), help: "starttls (default), starttls-if-available, tls or none (env PORTAL_SMTP_SECURITY).")
    var smtpSecurity: String = ProcessInfo.processInfo.environment["PORTAL_SMTP_SECURITY"] ?? "starttls"

    @Option(name: .customLong("smtp-user"), help: "SMTP user name (env PORTAL_SMTP_USER).")
    var smtpUser: String? = ProcessInfo.processInfo.environment["PORTAL_SMTP_USER"]

    @Option(name: .customLong("smtp-ca"), help: "Extra CA certificate (PEM) to trust for the SMTP server (env PORTAL_SMTP_CA).")
    var smtpCA: String? = ProcessInfo.processInfo.environment["PORTAL_SMTP_CA"]

    @Option(name: .customLong("rate-limit-ip"), help: "Attempts per client IP on auth endpoints, e.g. 30/min (env PORTAL_RATE_LIMIT_IP).")
    var rateLimitIP: String = ProcessInfo.processInfo.environment["PORTAL_RATE_LIMIT_IP"] ?? "30/min"

    @Option(name: .customLong("rate-limit-account"), help: "Attempts per account (e-mail address), e.g. 10/min (env PORTAL_RATE_LIMIT_ACCOUNT).")
    var rateLimitAccount: String = ProcessInfo.processInfo.environment["PORTAL_RATE_LIMIT_ACCOUNT"] ?? "10/min"

    @Option(name: .customLong("rate-limit-ticket-writes"), help: "Ticket writes per account (opening, comments, status changes, ratings), e.g. 60/min; drafts have twice as much (env PORTAL_RATE_LIMIT_TICKET_WRITES).")
    var rateLimitTicketWrites: String = ProcessInfo.processInfo.environment["PORTAL_RATE_LIMIT_TICKET_WRITES"] ?? "60/min"

    @Option(name: .customLong("chat-message-limit"), help: "Chat messages per conversation participant (customer or anonymous visitor), e.g. 30/min (env PORTAL_CHAT_MESSAGE_LIMIT).")
    var chatMessageLimit: String = ProcessInfo.processInfo.environment["PORTAL_CHAT_MESSAGE_LIMIT"] ?? "30/min"

    @Option(name: .customLong("chat-start-limit"), help: "New chat conversations per account, or per client IP for anonymous visitors, e.g. 20/h (env PORTAL_CHAT_START_LIMIT).")
    var chatStartLimit: String = ProcessInfo.processInfo.environment["PORTAL_CHAT_START_LIMIT"] ?? "20/h"

    @Option(name: .customLong("session-idle"), help: "A session not used for this long ends, e.g. 7d (env PORTAL_SESSION_IDLE).")
    var sessionIdle: String = ProcessInfo.processInfo.environment["PORTAL_SESSION_IDLE"] ?? "7d"

    @Option(name: .customLong("session-lifetime"), help: "A session ends this long after sign-in, e.g. 30d (env PORTAL_SESSION_LIFETIME).")
    var sessionLifetime: String = ProcessInfo.processInfo.environment["PORTAL_SESSION_LIFETIME"] ?? "30d"

    @Option(name: .customLong("password-max-age"), help: "off (default), or a maximum password age such as 180d (env PORTAL_PASSWORD_MAX_AGE).")
    var passwordMaxAge: String = ProcessInfo.processInfo.environment["PORTAL_PASSWORD_MAX_AGE"] ?? "off"

    @Option(name: .customLong("lockout-threshold"), help: "Failed sign-ins in a row that lock an account (env PORTAL_LOCKOUT_THRESHOLD; default 5).")
    var lockoutThreshold: Int = Int(ProcessInfo.processInfo.environment["PORTAL_LOCKOUT_THRESHOLD"] ?? "") ?? 5

    @Option(name: .customLong("lockout-duration"), help: "First lock's length, doubling for each lock within a day, e.g. 5m (env PORTAL_LOCKOUT_DURATION).")
    var lockoutDuration: String = ProcessInfo.processInfo.environment["PORTAL_LOCKOUT_DURATION"] ?? "5m"

    @Option(name: .customLong("lockout-max"), help: "Longest lock, e.g. 1h (env PORTAL_LOCKOUT_MAX).")
    var lockoutMax: String = ProcessInfo.processInfo.environment["PORTAL_LOCKOUT_MAX"] ?? "1h"

    @Option(name: .customLong("oidc-providers"), help: "A JSON file (mode 0600) listing \"Sign in with …\" providers: [{name, displayName, issuer, clientID, clientSecret}] (env PORTAL_OIDC_PROVIDERS).")
    var oidcProviders: String? = ProcessInfo.processInfo.environment["PORTAL_OIDC_PROVIDERS"]

    @Option(name: .customLong("captcha"), help: "on (default) or off, for deployments behind their own bot protection (env PORTAL_CAPTCHA).")
    var captcha: String = ProcessInfo.processInfo.environment["PORTAL_CAPTCHA"] ?? "on"

    @Option(name: .customLong("captcha-difficulty"), help: "Leading zero bits the CAPTCHA's proof of work needs; each bit doubles the work (env PORTAL_CAPTCHA_DIFFICULTY; default 18).")
    var captchaDifficulty: Int = Int(ProcessInfo.processInfo.environment["PORTAL_CAPTCHA_DIFFICULTY"] ?? "") ?? 18

    @Option(name: .customLong("risk-threshold"), help: "Risk score at which a sign-in needs a second factor (env PORTAL_RISK_THRESHOLD; default 50).")
    var riskThreshold: Int = Int(ProcessInfo.processInfo.environment["PORTAL_RISK_THRESHOLD"] ?? "") ?? 50

    @Option(name: .customLong("stuffing-accounts"), help: "Distinct accounts failed from one network within 10 minutes that raise a credential-stuffing alert (env PORTAL_STUFFING_ACCOUNTS; default 10).")
    var stuffingAccounts: Int = Int(ProcessInfo.processInfo.environment["PORTAL_STUFFING_ACCOUNTS"] ?? "") ?? 10

    @Option(name: .customLong("sla-timezone"), help: "Time zone of the support team's business hours, e.g. Europe/Berlin (env PORTAL_SLA_TIMEZONE; default UTC).")
    var slaTimezone: String = ProcessInfo.processInfo.environment["PORTAL_SLA_TIMEZONE"] ?? "UTC"

    @Option(name: .customLong("sla-hours"), help: "Business hours the SLA clocks run in, e.g. 'mon-fri 09:00-17:00; sat 10:00-14:00' (env PORTAL_SLA_HOURS).")
    var slaHours: String = ProcessInfo.processInfo.environment["PORTAL_SLA_HOURS"] ?? "mon-fri 09:00-17:00"

    @Option(name: .customLong("sla-holidays"), help: "Days off, e.g. 2026-12-24,2026-12-25, or @FILE with one date per line (env PORTAL_SLA_HOLIDAYS).")
    var slaHolidays: String = ProcessInfo.processInfo.environment["PORTAL_SLA_HOLIDAYS"] ?? ""

    @Option(name: .customLong("sla-targets"), help: "First-response/resolution targets in business time, e.g. urgent=1h/8h,high=4h/24h,normal=8h/40h,low=24h/80h (env PORTAL_SLA_TARGETS; those are the defaults).")
    var slaTargets: String = ProcessInfo.processInfo.environment["PORTAL_SLA_TARGETS"] ?? ""

    @Option(name: .customLong("reopen-window"), help: "How long after solving a customer may reopen a closed ticket, e.g. 14d (env PORTAL_REOPEN_WINDOW).")
    var reopenWindow: String = ProcessInfo.processInfo.environment["PORTAL_REOPEN_WINDOW"] ?? "14d"

    @Option(name: .customLong("close-solved-after"), help: "A solved ticket without a reply closes after this, e.g. 7d (env PORTAL_CLOSE_SOLVED_AFTER).")
    var closeSolvedAfter: String = ProcessInfo.processInfo.environment["PORTAL_CLOSE_SOLVED_AFTER"] ?? "7d"

    @Option(name: .customLong("archive-after"), help: "Closed tickets move to the archive after this, e.g. 90d (env PORTAL_ARCHIVE_AFTER).")
    var archiveAfter: String = ProcessInfo.processInfo.environment["PORTAL_ARCHIVE_AFTER"] ?? "90d"

    @Option(name: .customLong("attachment-max-file-mb"), help: "Largest attachment, in MiB (env PORTAL_ATTACHMENT_MAX_FILE_MB; default 10).")
    var attachmentMaxFileMB: Int = Int(ProcessInfo.processInfo.environment["PORTAL_ATTACHMENT_MAX_FILE_MB"] ?? "") ?? 10

    @Option(name: .customLong("attachment-max-ticket-mb"), help: "All attachments of one ticket together, in MiB (env PORTAL_ATTACHMENT_MAX_TICKET_MB; default 25).")
    var attachmentMaxTicketMB: Int = Int(ProcessInfo.processInfo.environment["PORTAL_ATTACHMENT_MAX_TICKET_MB"] ?? "") ?? 25

    @Option(name: .customLong("attachment-max-files"), help: "Files per ticket (env PORTAL_ATTACHMENT_MAX_FILES; default 10).")
    var attachmentMaxFiles: Int = Int(ProcessInfo.processInfo.environment["PORTAL_ATTACHMENT_MAX_FILES"] ?? "") ?? 10

    @Option(name: .customLong("video-limit-mb"), help: "Largest tutorial video an editor may upload, in MiB (env PORTAL_VIDEO_LIMIT_MB; default 200).")
    var videoLimitMB: Int = Int(ProcessInfo.processInfo.environment["PORTAL_VIDEO_LIMIT_MB"] ?? "") ?? 200

    @Flag(name: .customLong("demo-content"), help: "Import the demo knowledge base, the demo tutorial and the chatbot's starter intents when the portal has none yet (env PORTAL_DEMO_CONTENT=1).")
    var demoContent = ProcessInfo.processInfo.environment["PORTAL_DEMO_CONTENT"] == "1"
    @Option(name: .customLong("retrain-hours"), help: "Retrain the intent model this often when intents or examples changed; 0: never (env PORTAL_RETRAIN_HOURS, default 6).")
    var retrainHours: Double = Double(ProcessInfo.processInfo.environment["PORTAL_RETRAIN_HOURS"] ?? "") ?? 6

    @Option(name: .customLong("deflection-window"), help: "A customer who opened a suggested article from the ticket form and opened no ticket within this long counts as deflected, e.g. 30m (env PORTAL_DEFLECTION_WINDOW).")
    var deflectionWindow: String = ProcessInfo.processInfo.environment["PORTAL_DEFLECTION_WINDOW"] ?? "30m"

    /// The ticket settings from the flags, with a message naming the flag that is wrong.
    func ticketSettings() throws -> TicketSettings {
        var t = TicketSettings()
        guard let zone = TimeZone(identifier: slaTimezone) else { throw ValidationError("--sla-timezone: '\(slaTimezone)' is not a time zone name such as Europe/Berlin") }
        do {
            let holidaysText = slaHolidays.hasPrefix("@") ? try String(contentsOfFile: String(slaHolidays.dropFirst()), encoding: .utf8) : slaHolidays
            t.sla = SLAPolicy(calendar: BusinessCalendar(timeZone: zone, weekdays: try TicketSettings.parseHours(slaHours),
                                                         holidays: try TicketSettings.parseHolidays(holidaysText)),
                              targets: try TicketSettings.parseTargets(slaTargets))
            try t.sla.check()
        } catch let e as TicketSettings.TextError {
            throw ValidationError("SLA settings: \(e.description)")
        } catch let e as ValidationFailure {
            throw ValidationError("SLA settings: " + e.errors.map(\.message).joined(separator: " "))
        } catch {
            throw ValidationError("--sla-holidays: \(error.localizedDescription)")
        }
        for (flag, value) in [("--reopen-window", reopenWindow), ("--close-solved-after", closeSolvedAfter), ("--archive-after", archiveAfter)] {
            guard DurationText.seconds(value) != nil else { throw ValidationError("\(flag) must be a duration such as 12h or 14d") }
        }
        t.policy = TicketPolicy(reopenWindow: DurationText.seconds(reopenWindow)!, closeAfterSolved: DurationText.seconds(closeSolvedAfter)!,
                                archiveAfterClosed: DurationText.seconds(archiveAfter)!)
        guard (1...2048).contains(attachmentMaxFileMB) else { throw ValidationError("--attachment-max-file-mb must be between 1 and 2048") }
        guard (attachmentMaxFileMB...8192).contains(attachmentMaxTicketMB) else { throw ValidationError("--attachment-max-ticket-mb must be at least the per-file limit and at most 8192") }
        guard (1...100).contains(attachmentMaxFiles) else { throw ValidationError("--attachment-max-files must be between 1 and 100") }
        t.attachments.maxFileBytes = attachmentMaxFileMB << 20
        t.attachments.maxTicketBytes = attachmentMaxTicketMB << 20
        t.attachments.maxFilesPerTicket = attachmentMaxFiles
        guard let writes = RateLimit(rateLimitTicketWrites) else { throw ValidationError("--rate-limit-ticket-writes must look like 60/min, 5/s or 1000/h") }
        t.writesPerAccount = writes
        t.draftsPerAccount = RateLimit(capacity: writes.capacity * 2, per: writes.per)
        return t
    }

    func validate() throws {
        _ = try ticketSettings()
        guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535") }
        guard ["standard", "minimum"].contains(passwordCost) else { throw ValidationError("--password-cost must be 'standard' or 'minimum'") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error") }
        guard RateLimit(rateLimitIP) != nil else { throw ValidationError("--rate-limit-ip must look like 30/min, 5/s or 1000/h") }
        guard RateLimit(rateLimitAccount) != nil else { throw ValidationError("--rate-limit-account must look like 10/min, 5/s or 1000/h") }
        guard RateLimit(chatMessageLimit) != nil else { throw ValidationError("--chat-message-limit must look like 30/min, 5/s or 1000/h") }
        guard RateLimit(chatStartLimit) != nil else { throw ValidationError("--chat-start-limit must look like 20/h, 5/s or 100/min") }
        for (flag, value) in [("--session-idle", sessionIdle), ("--session-lifetime", sessionLifetime), ("--lockout-duration", lockoutDuration), ("--lockout-max", lockoutMax)] {
            guard DurationText.seconds(value) != nil else { throw ValidationError("\(flag) must be a duration such as 90s, 15m, 2h or 7d") }
        }
        guard passwordMaxAge == "off" || DurationText.seconds(passwordMaxAge) != nil else { throw ValidationError("--password-max-age must be 'off' or a duration such as 180d") }
        guard lockoutThreshold >= 1 else { throw ValidationError("--lockout-threshold must be at least 1") }
        guard ["on", "off"].contains(captcha) else { throw ValidationError("--captcha must be on or off") }
        guard (4...28).contains(captchaDifficulty) else { throw ValidationError("--captcha-difficulty must be between 4 and 28 bits") }
        guard riskThreshold >= 1 else { throw ValidationError("--risk-threshold must be at least 1") }
        guard stuffingAccounts >= 2 else { throw ValidationError("--stuffing-accounts must be at least 2") }
        guard MailSettings.Security(rawValue: smtpSecurity) != nil else { throw ValidationError("--smtp-security must be starttls, starttls-if-available, tls or none") }
        if let publicURL { guard let url = URL(string: publicURL), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
            throw ValidationError("--public-url must be an http(s) address such as https://support.example.com")
        } }
    }

    func run() async throws {
        var config = PortalConfiguration()
        config.host = host
        config.port = port
        config.dataFolder = global.data
        config.keyFile = global.keyFile
        config.passwordCost = passwordCost == "minimum" ? .owaspMinimum : .standard
        config.secureCookies = !insecureCookies
        config.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        config.publicURL = publicURL
        if let mailFrom { config.mail.from = mailFrom }
        config.mail.folder = mailFolder
        config.mail.smtpHost = smtpHost
        config.mail.smtpSecurity = MailSettings.Security(rawValue: smtpSecurity) ?? .startTLS
        config.mail.smtpPort = smtpPort ?? (config.mail.smtpSecurity == .implicitTLS ? 465 : 587)
        config.mail.smtpUsername = smtpUser
        config.mail.smtpPassword = ProcessInfo.processInfo.environment["PORTAL_SMTP_PASSWORD"]
        config.mail.smtpTrustedCA = smtpCA
        config.rateLimitPerIP = RateLimit(rateLimitIP) ?? config.rateLimitPerIP
        config.rateLimitPerAccount = RateLimit(rateLimitAccount) ?? config.rateLimitPerAccount
        config.chat.messagesPerParticipant = RateLimit(chatMessageLimit) ?? config.chat.messagesPerParticipant
        config.chat.startsPerClient = RateLimit(chatStartLimit) ?? config.chat.startsPerClient
        config.sessions.idleTimeout = DurationText.seconds(sessionIdle) ?? config.sessions.idleTimeout
        config.sessions.absoluteLifetime = DurationText.seconds(sessionLifetime) ?? config.sessions.absoluteLifetime
        config.sessions.maximumPasswordAge = passwordMaxAge == "off" ? nil : DurationText.seconds(passwordMaxAge)
        config.lockout.threshold = lockoutThreshold
        config.lockout.baseDuration = DurationText.seconds(lockoutDuration) ?? config.lockout.baseDuration
        config.lockout.maximumDuration = DurationText.seconds(lockoutMax) ?? config.lockout.maximumDuration
        config.captchaDifficulty = captcha == "off" ? nil : captchaDifficulty
        if let oidcProviders {
            do { config.externalProviders = try ExternalProviderSettings.load(path: oidcProviders) } catch {
                printError("portalctl: \(error)")
                throw ExitCode.failure
            }
        }
        config.risk.threshold = riskThreshold
        config.risk.stuffingAccounts = stuffingAccounts
        config.tickets = try ticketSettings()
        config.tickets.starterCategory = true
        guard let window = DurationText.seconds(deflectionWindow), window > 0 else {
            throw ValidationError("--deflection-window: '\(deflectionWindow)' is not a duration such as 30m, 2h or 45s")
        }
        config.knowledge.deflectionWindow = window
        config.knowledge.demoContent = demoContent
        config.tutorials.demoContent = demoContent
        config.intents.seedContent = demoContent
        guard retrainHours.isFinite, (0...8760).contains(retrainHours) else { throw ValidationError("--retrain-hours: give 0 to 8760") }
        config.intents.retrainInterval = retrainHours == 0 ? nil : .seconds(retrainHours * 3600)
        guard (1...4096).contains(videoLimitMB) else { throw ValidationError("--video-limit-mb: give 1 to 4096 (MiB)") }
        config.tutorials.videoLimit = videoLimitMB << 20
        config.modelFolder = model.resolved()

        let level = config.logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let logger = Logger(label: "portal")

        let portal: Portal
        do {
            portal = try await reportingErrors { try await Portal.open(config, registry: registry, logger: logger) }
        } catch let e as ModelFilesError {
            printError("portalctl: the sentence encoder cannot start: \(e)")
            throw ExitCode.failure
        } catch let e as TokenizerError {
            printError("portalctl: the sentence encoder cannot start: \(e)")
            throw ExitCode.failure
        } catch let e as SafeTensorsError {
            printError("portalctl: the sentence encoder cannot start: \(e)")
            throw ExitCode.failure
        }
        logger.info("data folder \(portal.store.folder.path), log at position \(portal.store.lastPosition), search \(portal.semantic.mode.rawValue)")
        let app = buildApplication(portal: portal, logger: logger)
        try await app.runService()
    }
}
