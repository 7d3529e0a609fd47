using System.Text.RegularExpressions;

namespace Pipeline.Core.Cleaning;

/// <summary>
/// Reports converted to or typed as markdown (`# 标题`, `## 一、总体情况`, `**加粗**`, `> 引文`) carry marks a reader
/// of the page must not see. This takes the marks off a line and keeps what they meant: a heading's level. Only
/// marks in markdown's own positions are taken: "#" at the start followed by a space, "**" in pairs.
/// </summary>
public static partial class MarkdownMarks
{
    /// <summary>The line without its marks, and the heading level its leading #s state (0 when none).</summary>
    public static string Strip(string text, out int headingLevel)
    {
        headingLevel = 0;
        if (text.Length == 0) return text;
        if (text[0] == '#' && AtxHeading().Match(text) is { Success: true } heading)
        {
            headingLevel = heading.Groups["marks"].Length;
            text = heading.Groups["text"].Value.TrimEnd('#', ' ', '\t');
        }
        else if (text[0] == '>' && text.Length > 1 && text[1] is ' ' or '\u3000')
        {
            text = text[2..];
        }
        if (text.Contains("**", StringComparison.Ordinal) || text.Contains("__", StringComparison.Ordinal))
            text = Emphasis().Replace(text, "${inner}");
        return text;
    }

    [GeneratedRegex(@"^(?<marks>#{1,6})[ \t\u3000]+(?<text>.*)$")]
    private static partial Regex AtxHeading();

    [GeneratedRegex(@"(?<mark>\*\*|__)(?<inner>\S(?:.*?\S)?)\k<mark>")]
    private static partial Regex Emphasis();
}
