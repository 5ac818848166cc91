/// Top-level domains accepted in addresses written without a scheme ("example.com"). A list rather
/// than "any letters" keeps file names ("report.pdf") and run-on sentences ("done.Thanks") out.
enum TopLevelDomains {
    static let known: Set<String> = Set("""
    com net org edu gov mil int info biz name pro aero coop museum mobi jobs travel tel asia cat post \
    app dev io ai co me tv cc ly ms gl gg im is it to fm am ws la sh ac vc so tk ml ga cf gq nu \
    academy agency aws blog cloud club design digital email expert global guru host link live llc ltd \
    media network news online page shop site solutions space store studio support tech today top \
    website wiki work world xyz zone bank finance insurance health law legal help services systems \
    software team tools company center community consulting events group inc international \
    uk de fr es pt nl be lu ch at li dk se no fi ee lv lt pl cz sk hu ro bg gr cy mt si hr ba rs me \
    mk al ie us ca mx br ar cl pe uy py bo ec ve cn jp kr tw hk sg my th vn ph id in pk bd lk np au nz \
    za ng ke gh eg ma tn dz ru ua by kz ge az tr il ae sa qa kw bh om jo lb ir iq eu
    """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))

    /// Country domains that are also English words ("up.to", "it.is"): without a scheme they need a
    /// third label ("google.co.in") to count.
    static let commonWords: Set<String> = ["to", "is", "it", "me", "so", "no", "in", "my", "at", "be", "us", "id", "im", "as"]
}
