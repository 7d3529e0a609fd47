using System.Text;

namespace Pipeline.Core.Parsing;

/// <summary>
/// The spaces PDFs, print layouts and spaced-out table headers put inside Chinese text ("2023 年", "邮 编 ：",
/// "统 计 指 标"), closed up in one place for every reader that needs it (wrapped paragraphs, table headers).
/// </summary>
public static class CjkSpacing
{
    /// <summary>"2023 年" → "2023年", "统 计 指 标" → "统计指标"; spaces between two Latin words or numbers stay.</summary>
    public static string CloseUp(string text)
    {
        if (text.IndexOf(' ') < 0 && text.IndexOf('\u3000') < 0) return text;
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is ' ' or '\u3000' && sb.Length > 0)
            {
                var j = i;
                while (j < text.Length && text[j] is ' ' or '\u3000') j++;
                if (j < text.Length && (IsWide(sb[^1]) || IsWide(text[j])))
                {
                    i = j - 1;
                    continue;
                }
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Display width: a Chinese character or full-width form takes two columns.</summary>
    public static int Width(string text)
    {
        var width = 0;
        foreach (var c in text) width += IsWide(c) ? 2 : 1;
        return width;
    }

    /// <summary>Characters that take two columns: Han, kana, Hangul, CJK punctuation and full-width forms.</summary>
    public static bool IsWide(char c) => c >= '\u1100' && (c <= '\u115F' || c is >= '\u2E80' and <= '\uA4CF' or >= '\uAC00' and <= '\uD7A3' or >= '\uF900' and <= '\uFAFF' or >= '\uFE30' and <= '\uFE4F' or >= '\uFF00' and <= '\uFF60' or >= '\uFFE0' and <= '\uFFE6');
}
