import Foundation

/// Service-level targets per priority, in working time of a business calendar.
public struct SLAPolicy: Sendable, Equatable, Codable {
    /// Working seconds allowed until the first public reply and until the ticket is solved.
    public struct Targets: Sendable, Equatable, Codable {
        public var firstResponse: TimeInterval
        public var resolution: TimeInterval
        public init(firstResponse: TimeInterval, resolution: TimeInterval) {
            self.firstResponse = firstResponse
            self.resolution = resolution
        }
        public func seconds(_ target: SLATarget) -> TimeInterval {
            switch target {
            case .firstResponse: firstResponse
            case .resolution: resolution
            }
        }
    }

    public var calendar: BusinessCalendar
    public var targets: [TicketPriority: Targets]
    /// Warn when this share of a target's working time has passed (0.8 = with a fifth left).
    public var warnFraction: Double

    public init(calendar: BusinessCalendar, targets: [TicketPriority: Targets] = SLAPolicy.defaultTargets, warnFraction: Double = 0.8) {
        self.calendar = calendar
        self.targets = targets
        self.warnFraction = warnFraction
    }

    /// Urgent 1 h / 8 h, high 4 h / 24 h, normal 8 h / 40 h, low 24 h / 80 h of working time.
    public static let defaultTargets: [TicketPriority: Targets] = [
        .urgent: Targets(firstResponse: 1 * 3600, resolution: 8 * 3600),
        .high: Targets(firstResponse: 4 * 3600, resolution: 24 * 3600),
        .normal: Targets(firstResponse: 8 * 3600, resolution: 40 * 3600),
        .low: Targets(firstResponse: 24 * 3600, resolution: 80 * 3600),
    ]

    public func seconds(_ target: SLATarget, for priority: TicketPriority) -> TimeInterval {
        (targets[priority] ?? Self.defaultTargets[priority]!).seconds(target)
    }

    /// Checks a policy read from configuration.
    public func check() throws {
        var errors: [FieldError] = []
        for p in TicketPriority.allCases {
            guard let t = targets[p] else { errors.append(FieldError(field: "sla.\(p.rawValue)", message: "Give targets for every priority.")); continue }
            if t.firstResponse <= 0 || t.resolution <= 0 { errors.append(FieldError(field: "sla.\(p.rawValue)", message: "Targets must be positive.")) }
            if t.firstResponse > t.resolution { errors.append(FieldError(field: "sla.\(p.rawValue)", message: "The first response cannot be due after the resolution.")) }
        }
        if !(0.1...0.99).contains(warnFraction) { errors.append(FieldError(field: "sla.warnFraction", message: "Warn between 10 % and 99 % of a target.")) }
        if calendar.weekdays.isEmpty { errors.append(FieldError(field: "sla.calendar", message: "The business calendar needs at least one working day.")) }
        for (day, hours) in calendar.weekdays where !(1...7).contains(day) || hours.start < 0 || hours.end > 1440 || hours.start >= hours.end {
            errors.append(FieldError(field: "sla.calendar", message: "Working hours of weekday \(day) must lie within one day, start before end."))
        }
        for day in calendar.holidays.sorted() where !Self.isDay(day) {
            errors.append(FieldError(field: "sla.holidays", message: "'\(day)' is not a date such as 2026-12-25."))
        }
        if !errors.isEmpty { throw ValidationFailure(errors) }
    }

    /// A `yyyy-MM-dd` day that exists.
    public static func isDay(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.count == 10, parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m), d >= 1 else { return false }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        return d <= days
    }
}
