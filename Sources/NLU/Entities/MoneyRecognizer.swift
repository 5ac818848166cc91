import Foundation

/// Finds amounts of money, so "refund me the £27" can be checked against the customer's invoices.
///
/// An amount is digits (with `,` thousands groups and a decimal part) or number words, optionally
/// times "thousand"/"million"/"k", with a currency given by a symbol before or after it (`£20`,
/// `40€`, `US$5`), an ISO code (`EUR 20`, `20 usd`) or a word (`20 euros`, `20 quid`, `fifty
/// pounds`, `50 pence`). The value is the amount with the currency's usual decimals and its ISO
/// 4217 code: `12.50 EUR`, `1000 JPY`.
///
/// A bare number counts as money only where the message talks about money ("did I spend more than
/// 400", "a 800 transfer"); its currency is then `XXX`, ISO 4217's "no currency", and the amount is
/// written with the decimals the customer wrote (`400 XXX`, `158.16 XXX`). NLU++ annotates such
/// numbers as `amount_of_money` with currency "ambiguous", which is what `XXX` stands for.
enum MoneyRecognizer {
    static let currencyWords: [String: String] = [
        "pound": "GBP", "pounds": "GBP", "quid": "GBP", "sterling": "GBP", "gbp": "GBP",
        "euro": "EUR", "euros": "EUR", "eur": "EUR", "dollar": "USD", "dollars": "USD", "bucks": "USD", "usd": "USD",
        "yen": "JPY", "jpy": "JPY", "franc": "CHF", "francs": "CHF", "chf": "CHF", "cad": "CAD", "aud": "AUD",
        "pence": "GBP/100", "penny": "GBP/100", "p": "GBP/100", "cents": "USD/100", "cent": "USD/100",
    ]
    static let symbols: [String: String] = ["£": "GBP", "$": "USD", "€": "EUR", "¥": "JPY"]
    static let codes: Set<String> = ["GBP", "EUR", "USD", "JPY", "CHF", "CAD", "AUD", "SEK", "NOK", "DKK", "PLN", "CZK", "INR", "CNY"]

    /// Words just before a bare number that make it an amount ("spent 400", "more than 800").
    static let moneyCues: Set<String> = [
        "spend", "spent", "spending", "pay", "paid", "paying", "transfer", "transferred", "transferring", "send", "sent", "sending",
        "charge", "charged", "withdraw", "withdrew", "withdrawn", "deposit", "deposited", "cost", "costs", "owe", "owed", "refund",
        "refunded", "amount", "payment", "limit", "balance", "than", "receive", "received", "borrow", "lend", "loan", "worth", "price",
    ]
    /// Words just after a bare number that make it an amount ("a 800 transfer", "the 718 standing order").
    static let moneyFollowers: Set<String> = [
        "transfer", "payment", "standing", "fee", "charge", "refund", "transaction", "deposit", "withdrawal", "loan", "purchase",
        "bill", "direct", "overdraft", "top", "topup", "cheque", "check",
    ]

    /// Words that may follow a bare amount ("400 in groceries", "800 to Greg").
    static let prepositions: Set<String> = [
        "in", "at", "on", "during", "for", "from", "to", "this", "last", "next", "per", "a", "each", "every", "since", "until", "till",
        "by", "with", "into", "onto", "via", "and", "or", "but", "please", "then", "today", "yesterday", "tomorrow", "ago", "so",
        "i", "is", "was", "were", "already", "yet", "instead", "total", "overall",
    ]

    static func decimals(_ code: String) -> Int { code == "JPY" ? 0 : 2 }

    static func value(_ amount: Double, _ code: String, written: Int = 0) -> String {
        let places = code == "XXX" ? min(written, 4) : decimals(code)
        return String(format: "%.\(places)f", amount) + " " + code
    }

    /// An amount at token `i`: its value, the token after it and the decimals written.
    static func amount(_ t: [EntityToken], _ i: Int) -> (Double, Int, Int)? {
        guard i < t.count else { return nil }
        if t[i].kind == .number {
            var v = t[i].value
            var next = i + 1
            if next < t.count, t[next].kind == .word {
                let w = t[next].text, glued = t[next].start == t[i].end
                if w == "thousand" || (w == "k" && glued) {
                    v *= 1000
                    next += 1
                } else if w == "million" || (w == "mn" && glued) {
                    v *= 1_000_000
                    next += 1
                } else if w == "billion" || (w == "bn" && glued) {
                    v *= 1_000_000_000
                    next += 1
                }
            }
            return (v, next, t[i].decimals)
        }
        if let (n, next) = EntityVocabulary.numberWords(t, i) { return (Double(n), next, 0) }
        return nil
    }

    static func candidates(_ t: [EntityToken], _ s: [Unicode.Scalar]) -> [EntityCandidate] {
        var found: [EntityCandidate] = []
        func add(_ start: Int, _ end: Int, _ amount: Double, _ currency: String, written: Int = 0) {
            guard amount.isFinite, amount < 1e15 else { return }
            var code = currency, v = amount
            if code.hasSuffix("/100") { code = String(code.dropLast(4)); v /= 100 }
            found.append(EntityCandidate(kind: .money, start: t[start].start, end: t[end - 1].end, value: value(v, code, written: written)))
        }
        func isCode(_ k: Int) -> String? {
            guard k < t.count, t[k].kind == .word else { return nil }
            let raw = EntityScalars.string(s, t[k].start..<t[k].end)
            return codes.contains(raw) ? raw : nil
        }
        for i in t.indices {
            // £20, $1,250.50, US$5, EUR 20
            var currency: String?
            var amountAt = i + 1
            var from = i
            if t[i].kind == .symbol, let c = symbols[t[i].text] {
                currency = c
                if i > 0, t[i - 1].kind == .word, t[i - 1].end == t[i].start, ["us", "usd"].contains(t[i - 1].text) {
                    currency = "USD"
                    from = i - 1
                }
            } else if let c = isCode(i) {
                currency = c
            }
            if let currency, amountAt < t.count, t[amountAt].start - t[i].end <= 1, t[amountAt].kind == .number,
               let (v, next, written) = amount(t, amountAt) {
                add(from, next, v, currency, written: written)
                continue
            }
            guard let (v, next, written) = amount(t, i) else { continue }
            amountAt = next
            // 40€, 700£, 20 EUR, 20 euros, fifty pounds, 50p
            if amountAt < t.count {
                let after = t[amountAt]
                if after.kind == .symbol, let c = symbols[after.text], after.start - t[amountAt - 1].end <= 1,
                   amountAt + 1 == t.count || t[amountAt + 1].kind != .number || t[amountAt + 1].start > after.end {
                    add(i, amountAt + 1, v, c, written: written)
                    continue
                }
                if after.kind == .word, let c = isCode(amountAt) ?? currencyWords[after.text], after.start - t[amountAt - 1].end <= 1 {
                    if after.text == "p", after.start != t[amountAt - 1].end { continue }
                    add(i, amountAt + 1, v, c, written: written)
                    continue
                }
            }
            // A bare number where the message talks about money.
            guard t[i].kind == .number, bareAmount(t, i, next: amountAt) else { continue }
            add(i, amountAt, v, "XXX", written: written)
        }
        return found
    }

    private static func bareAmount(_ t: [EntityToken], _ i: Int, next: Int) -> Bool {
        guard t[i].value >= 1 else { return false }
        if i > 0, t[i - 1].kind == .symbol, t[i - 1].end == t[i].start, ["#", "-", "+", "/", ":", "."].contains(t[i - 1].text) { return false }
        if next < t.count {
            let after = t[next]
            if after.kind == .ordinal || after.kind == .number { return false }
            if after.kind == .symbol, after.start == t[next - 1].end, ["%", ":", "/", "-", "."].contains(after.text),
               next + 1 < t.count, t[next + 1].kind == .number || after.text == "%" { return false }
            if after.kind == .word {
                if EntityVocabulary.timeUnits[after.text] != nil || EntityVocabulary.months[after.text] != nil
                    || ["am", "pm", "ish", "times", "percent", "people", "o", "past"].contains(after.text) { return false }
                if after.text == "to", next + 1 < t.count, t[next + 1].kind == .number { return false }
                if moneyFollowers.contains(after.text) { return true }
            }
        }
        let timeCue = i > 0 && ["at", "since", "from", "until", "till", "by", "after", "before", "around"].contains(t[i - 1].text)
        if t[i].decimals == 2 && !timeCue { return true }
        if t[i].integerDigits == 4, let y = Int(t[i].text), (1900...2099).contains(y), i > 0,
           ["in", "during", "since", "of", "until", "till", "from", "year", "by", "before", "after"].contains(t[i - 1].text) { return false }
        // "more than 2 business accounts" counts things; "more than 400 in groceries" is money.
        if next < t.count, t[next].kind == .word, !prepositions.contains(t[next].text) { return false }
        var words = 0
        var k = i - 1
        while k >= 0 && words < 3 {
            if t[k].kind == .word {
                if t[k].text == "than", k > 0, ["earlier", "later", "sooner"].contains(t[k - 1].text) { return false }
                if moneyCues.contains(t[k].text) { return true }
                if ["at", "in", "on", "for"].contains(t[k].text) && words == 0 { return false }
                words += 1
            } else if t[k].kind != .symbol || [".", "?", "!"].contains(t[k].text) {
                return false
            }
            k -= 1
        }
        return false
    }
}
