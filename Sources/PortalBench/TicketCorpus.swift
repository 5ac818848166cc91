import Foundation

/// Subjects and descriptions of support tickets, made from a fixed seed so every run seeds the same
/// history.
///
/// Words come from a vocabulary of about 300 support words with a Zipf-like frequency (the first
/// words, "account", "order", "password", are common; the last, "wheelchair", "embargo", rare), so
/// a search for a word drawn from the history matches anything from a handful to a third of a
/// customer's tickets, as real searches do. Descriptions mix in stop words, which the portal's
/// tokenizer drops, so their length looks like real text.
struct TicketCorpus {
    struct Ticket {
        /// Index of the customer (0-based) who opens it.
        var customer: Int
        var subject: String
        var description: String
        var priority: String
        var topic: String
    }

    /// The category the bench creates, with its one required field.
    static let categoryJSON = """
        {"id":"support","name":"Support","description":"Problems and questions about orders, billing and sign-in",\
        "fields":[{"id":"topic","label":"Topic","kind":"singleChoice","required":true,"options":["billing","login","other"]}]}
        """

    static let vocabulary: [String] = """
        account order password invoice payment login email refund charge card subscription app error help \
        phone update delivery page price plan problem access cancel reset address shipping link issue \
        customer data report support package tracking receipt discount code upgrade download setting profile \
        message notification screen button browser crash slow file upload export import backup restore \
        sync team user admin role permission blocked locked verification expired authenticator sms chat \
        agent response urgent broken missing wrong duplicate twice failed declined pending stuck loading \
        blank mobile android iphone tablet desktop chrome firefox safari windows linux mac version release \
        bug feature request question complaint feedback review rating contract license seat trial coupon \
        promo voucher gift balance credit debit bank transfer paypal wallet currency euro dollar tax vat \
        bill statement month year annual monthly renewal automatic manual reminder deadline overdue late \
        early schedule appointment booking reservation calendar timezone language translation german \
        french spanish italian dutch keyboard mouse printer scanner camera microphone speaker headset \
        bluetooth wifi network connection server outage maintenance downtime status incident security \
        breach phishing spam fraud suspicious unauthorized identity document passport photo signature \
        form field dropdown checkbox validation captcha cookie session token redirect loop logout \
        timeout certificate domain dns website portal dashboard widget chart graph analytics statistic \
        search filter sort list table column row spreadsheet csv pdf attachment image video audio \
        storage quota limit size large small resize compress encrypt password_manager history archive \
        delete remove erase gdpr privacy consent newsletter unsubscribe marketing survey warranty repair \
        replacement return exchange damaged defective scratched wrong_size colour battery charger cable \
        adapter plug screen_protector case lid hinge fan noise overheating warm cold freeze reboot \
        install uninstall firmware driver plugin extension integration api webhook key secret sandbox \
        production staging migration database query index cache memory cpu disk latency throughput \
        invoice_address company vat_number purchase_order quote estimate proforma wire iban swift \
        courier parcel locker pickup warehouse customs duty embargo insurance claim wheelchair
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { $0.replacingOccurrences(of: "_", with: " ") }

    /// Filler that the portal's tokenizer drops as stop words.
    static let fillers = ["the", "my", "is", "and", "to", "it", "since", "again", "when", "on", "with", "for", "but", "not", "this"]

    static let priorities: [(String, Double)] = [("low", 0.15), ("normal", 0.6), ("high", 0.2), ("urgent", 0.05)]
    static let topics = ["billing", "login", "other"]

    /// Cumulative Zipf weights (exponent 0.9) over the vocabulary.
    private let cumulative: [Double]
    private var rng: SplitMix64
    let customers: Int

    init(seed: UInt64, customers: Int) {
        rng = SplitMix64(seed: seed)
        self.customers = customers
        var sum = 0.0
        cumulative = Self.vocabulary.indices.map { rank in
            sum += 1 / pow(Double(rank + 1), 0.9)
            return sum
        }
    }

    /// A number in [0, 1).
    private mutating func unit() -> Double { Double(rng.next() >> 11) / Double(UInt64(1) << 53) }

    private mutating func below(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }

    private mutating func word() -> String {
        let target = unit() * cumulative[cumulative.count - 1]
        var low = 0, high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] <= target { low = mid + 1 } else { high = mid }
        }
        return Self.vocabulary[low]
    }

    /// The next ticket: a customer chosen evenly, a subject of 3 to 7 words, a description of 2 to 4
    /// sentences of 6 to 14 words each, a priority mostly normal, one of the form's topics.
    mutating func next() -> Ticket {
        let customer = below(customers)
        var subjectWords = (0..<(3 + below(5))).map { _ in word() }
        subjectWords[0] = subjectWords[0].prefix(1).uppercased() + subjectWords[0].dropFirst()
        var sentences: [String] = []
        for _ in 0..<(2 + below(3)) {
            var words: [String] = []
            for _ in 0..<(6 + below(9)) { words.append(unit() < 0.3 ? Self.fillers[below(Self.fillers.count)] : word()) }
            words[0] = words[0].prefix(1).uppercased() + words[0].dropFirst()
            sentences.append(words.joined(separator: " ") + ".")
        }
        var roll = unit(), priority = "normal"
        for (name, share) in Self.priorities {
            if roll < share { priority = name; break }
            roll -= share
        }
        return Ticket(customer: customer, subject: subjectWords.joined(separator: " "), description: sentences.joined(separator: " "),
                      priority: priority, topic: Self.topics[below(Self.topics.count)])
    }

    /// A search for this customer: one word (three times in four) or two words from the subject of
    /// `ticket`, so every query finds at least that ticket and how many more depends on how common the
    /// words are.
    mutating func query(from ticket: Ticket) -> String {
        let words = ticket.subject.lowercased().split(separator: " ").map(String.init).filter { $0.count >= 3 }
        guard let first = words.randomElement(using: &rng) else { return "account" }
        guard unit() < 0.25, words.count > 1 else { return first }
        var second = first
        while second == first, Set(words).count > 1 { second = words.randomElement(using: &rng)! }
        return first + " " + second
    }

    /// The JSON body of POST /api/v1/tickets for `ticket`.
    static func openBody(_ ticket: Ticket) throws -> String {
        let object: [String: Any] = [
            "categoryID": "support", "priority": ticket.priority, "subject": ticket.subject, "description": ticket.description,
            "fields": ["topic": ticket.topic],
        ]
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }
}
