import Testing

@testable import ShardSimReport

/// The one escaping function per format (issue 14): control characters (C0, DEL, C1) are shown as `\u{HEX}` in
/// every format, and each format's own syntax is escaped as before. Expected strings written out by hand.
@Suite struct OutputEscapingTests {
    @Test func plainTextShowsEveryControlCharacter() {
        #expect(OutputEscaping.text("a\u{1B}[31mb") == #"a\u{1B}[31mb"#)
        #expect(OutputEscaping.text("x\u{9B}y\u{7F}z\u{0}") == #"x\u{9B}y\u{7F}z\u{0}"#)
        #expect(OutputEscaping.text("line\nnext\t") == #"line\u{A}next\u{9}"#)
        #expect(OutputEscaping.text("line\nnext\t\u{7}", keepingLineBreaks: true) == "line\nnext\t" + #"\u{7}"#)
        // Not controls: U+00A0 (after C1), emoji, accents; and text without controls comes back unchanged.
        #expect(OutputEscaping.text("é\u{A0}🙂 tenant-42") == "é\u{A0}🙂 tenant-42")
    }

    @Test func markdownEscapesSyntaxControlsAndHeadingHashes() {
        #expect(OutputEscaping.markdown("a|b*c_\u{1B}") == #"a\|b\*c\_\u{1B}"#)
        #expect(OutputEscaping.markdown("# x ##") == "# x ##")
        #expect(OutputEscaping.markdown("# x ##", inHeading: true) == ##"\# x \#\#"##)
        #expect(OutputEscaping.markdown("a\nb", inHeading: true) == #"a\u{A}b"#)
    }

    @Test func htmlEscapesMarkupAndShowsControls() {
        #expect(OutputEscaping.html("<b>&'\"") == "&lt;b&gt;&amp;&apos;&quot;")
        #expect(OutputEscaping.html("a\u{1B}b\u{85}c\u{FFFF}") == #"a\u{1B}b\u{85}c\u{FFFF}"#)
        #expect(OutputEscaping.html("a\tb\nc") == "a b c")
    }

    @Test func csvKeepsEachRowOnOneLine() {
        #expect(OutputEscaping.csv("plain") == "plain")
        #expect(OutputEscaping.csv("a,b") == "\"a,b\"")
        #expect(OutputEscaping.csv("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(OutputEscaping.csv("two\nlines,\u{1B}") == #""two\u{A}lines,\u{1B}""#)
    }
}
