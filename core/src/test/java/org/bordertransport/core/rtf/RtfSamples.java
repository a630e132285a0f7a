package org.bordertransport.core.rtf;

/** RTF documents shared by the tests. */
final class RtfSamples {
    /**
     * Encapsulated HTML after the example of [MS-OXRTFEX] section 3.1 (code page 1251, a font table with an explicit
     * {@code \fcharset0} font, nested {@code \htmlrtf} groups, escapes); the list at the end is our own.
     */
    static final String HTML_EXAMPLE = "{\\rtf1\\ANSI\\ansicpg1251\\fromhtml1 \\deff0\r\n"
        + "{\\fonttbl {\\f0\\fmodern Courier New;}{\\f1\\fswiss Arial;}{\\f2\\fswiss\\fcharset0 Arial;}}\r\n"
        + "{\\colortbl\\red0\\green0\\blue0;\\red0\\green0\\blue255;}\r\n"
        + "{\\*\\htmltag64}\r\n"
        + "\\uc1\\pard\\plain\\deftab360 \\f0\\fs24\r\n"
        + "{\\*\\htmltag <HTML><head>\\par\r\n"
        + "<style>\\par\r\n"
        + "<!--\\par\r\n"
        + " /* Style Definitions */\\par\r\n"
        + " p.MsoNormal, li.MsoNormal \\{font-family:Arial;\\}\\par\r\n"
        + "-->\\par\r\n"
        + "</style>\\par\r\n"
        + "\\tab <!-- This is a HTML comment.\\par\r\n"
        + " There is a horizontal tab (%x09) character before the comment,\\par\r\n"
        + " and some new lines inside the comment. -->\\par\r\n"
        + "</head>\\par\r\n"
        + "<body>\\par\r\n"
        + "<p\\par\r\n"
        + " class=\"MsoNormal\">}\r\n"
        + "{\\htmlrtf \\f1 \\htmlrtf0 Note the line break inside a P tag. {\\*\\htmltag <b>}{\\htmlrtf \\b \\htmlrtf0 "
        + "This is a bold text{\\*\\htmltag </b>}} \\htmlrtf\\par\\htmlrtf0}\r\n"
        + "\\htmlrtf \\par \\htmlrtf0\r\n"
        + "{\\*\\htmltag </p>\\par\r\n"
        + "<p class=\"MsoNormal\">\\par}\r\n"
        + "{\\htmlrtf \\f1 \\htmlrtf0 This is a normal text with a character references:\r\n"
        + "{\\*\\htmltag &nbsp;}\\htmlrtf \\'a0\\htmlrtf0  {\\*\\htmltag &lt;}\\htmlrtf <\\htmlrtf0  "
        + "{\\*\\htmltag &uml;}\\htmlrtf {\\f2\\'a8}\\htmlrtf0{\\*\\htmltag <br>\\par}\\htmlrtf\\line\\htmlrtf0\r\n"
        + "characters which have special meaning in RTF: \\{\\}\\\\{\\*\\htmltag <br>\\par}"
        + "\\htmlrtf\\line\\htmlrtf0\\htmlrtf\\par\\htmlrtf0}\r\n"
        + "{\\*\\htmltag </p>\\par\r\n"
        + "<ol>\\par\r\n"
        + "<li class=\"MsoNormal\">}{\\htmlrtf {{\\*\\pn\\pnlvlbody\\pndec\\pnstart1\\pnindent360{\\pntxta.}}"
        + "\\li360\\fi-360{\\pntext 1.\\tab}\\htmlrtf0 This is a list item\\htmlrtf\\par}\\htmlrtf0}\r\n"
        + "{\\*\\htmltag \\par\r\n"
        + "</ol>\\par\r\n"
        + "</body>\\par\r\n"
        + "</HTML>\\par\r\n"
        + "}}\r\n";

    static final String HTML_EXAMPLE_HTML = "<HTML><head>\r\n"
        + "<style>\r\n"
        + "<!--\r\n"
        + " /* Style Definitions */\r\n"
        + " p.MsoNormal, li.MsoNormal {font-family:Arial;}\r\n"
        + "-->\r\n"
        + "</style>\r\n"
        + "\t<!-- This is a HTML comment.\r\n"
        + " There is a horizontal tab (%x09) character before the comment,\r\n"
        + " and some new lines inside the comment. -->\r\n"
        + "</head>\r\n"
        + "<body>\r\n"
        + "<p\r\n"
        + " class=\"MsoNormal\">"
        + "Note the line break inside a P tag. <b>This is a bold text</b> "
        + "</p>\r\n"
        + "<p class=\"MsoNormal\">\r\n"
        + "This is a normal text with a character references:&nbsp; &lt; &uml;<br>\r\n"
        + "characters which have special meaning in RTF: {}\\<br>\r\n"
        + "</p>\r\n"
        + "<ol>\r\n"
        + "<li class=\"MsoNormal\">This is a list item\r\n"
        + "</ol>\r\n"
        + "</body>\r\n"
        + "</HTML>\r\n";

    /** Encapsulated plain text as Exchange writes it. */
    static final String TEXT_EXAMPLE = "{\\rtf1\\ansi\\ansicpg1252\\fromtext \\fbidis \\deff0{\\fonttbl\r\n"
        + "{\\f0\\fswiss\\fcharset0 Arial;}\r\n"
        + "{\\f1\\fmodern Courier New;}\r\n"
        + "{\\f2\\fnil\\fcharset2 Symbol;}\r\n"
        + "{\\f3\\fmodern\\fcharset0 Courier New;}}\r\n"
        + "{\\colortbl\\red0\\green0\\blue0;\\red0\\green0\\blue255;}\r\n"
        + "\\uc1\\pard\\plain\\deftab360 \\f0\\fs20 Hello Bob,\\par\r\n"
        + "\\par\r\n"
        + "the caf\\'e9 opens at 9\\tab sharp \\{really\\}.\\par\r\n"
        + "}";

    static final String TEXT_EXAMPLE_TEXT = "Hello Bob,\r\n\r\nthe caf\u00E9 opens at 9\tsharp {really}.\r\n";

    private RtfSamples() {
    }
}
