import Foundation
import NLU
import Testing

@Suite("Entities: money and numbers")
struct EntityMoneyTests {
    typealias S = EntitySupport

    @Test("symbols, codes and words, with the currency's decimals", arguments: [
        ("£20", "20.00 GBP"), ("$1,250.50", "1250.50 USD"), ("20 euros", "20.00 EUR"), ("EUR 20", "20.00 EUR"),
        ("20 quid", "20.00 GBP"), ("fifty pounds", "50.00 GBP"), ("40€", "40.00 EUR"), ("700£", "700.00 GBP"),
        ("¥500", "500 JPY"), ("3 thousand dollars", "3000.00 USD"), ("a thousand pounds", "1000.00 GBP"), ("50p", "0.50 GBP"),
        ("US$5", "5.00 USD"), ("twenty-five euros", "25.00 EUR"), ("13.8 pounds", "13.80 GBP"), ("2k euros", "2000.00 EUR"),
    ])
    func amounts(text: String, expected: String) {
        #expect(S.value(.money, in: "please send \(text) to my sister") == expected)
    }

    @Test("a bare number is money only where the message talks about money, then in XXX")
    func bareAmounts() {
        #expect(S.value(.money, in: "did I spend more than 400 in groceries") == "400 XXX")
        #expect(S.value(.money, in: "when did I pay 61.21 in Hyatt Regency?") == "61.21 XXX")
        #expect(S.value(.money, in: "can i make a 800 transfer to greg") == "800 XXX")
        #expect(S.value(.money, in: "I have 3 cards") == nil)
        #expect(S.value(.number, in: "I have 3 cards") == "3")
        #expect(S.value(.money, in: "I paid during 2019") == nil)
    }

    @Test("numbers in digits and words")
    func numbers() {
        #expect(S.value(.number, in: "about 2.5 of them") == "2.5")
        #expect(S.value(.number, in: "I need twenty") == "20")
        #expect(S.value(.number, in: "order one hundred and five") == "105")
        #expect(S.values("I have 3 cards and two accounts") == ["number 3", "number 2"])
    }
}
