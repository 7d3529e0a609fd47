using System.Text;
using AngleSharp.Dom;

namespace Pipeline.Core.Decoding;

/// <summary>Tree walks without recursion (a hostile page nests deeply) and the HTML whitespace rules the decoder shares.</summary>
internal static class HtmlDom
{
    /// <summary>Elements below <paramref name="root"/> in document order, not descending into those <paramref name="skip"/> rejects.</summary>
    public static IEnumerable<IElement> Elements(INode root, Func<IElement, bool>? skip = null)
    {
        var stack = new Stack<INode>();
        for (var i = root.ChildNodes.Length - 1; i >= 0; i--) stack.Push(root.ChildNodes[i]);
        while (stack.Count > 0)
        {
            if (stack.Pop() is not IElement element) continue;
            if (skip is not null && skip(element)) continue;
            yield return element;
            for (var i = element.ChildNodes.Length - 1; i >= 0; i--) stack.Push(element.ChildNodes[i]);
        }
    }

    /// <summary>Text nodes below <paramref name="root"/> in document order.</summary>
    public static IEnumerable<IText> Texts(INode root)
    {
        var stack = new Stack<INode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node is IText text) { yield return text; continue; }
            for (var i = node.ChildNodes.Length - 1; i >= 0; i--) stack.Push(node.ChildNodes[i]);
        }
    }

    /// <summary>All text below a node with whitespace collapsed, cut off after <paramref name="max"/> characters.</summary>
    public static string Text(INode root, int max = int.MaxValue)
    {
        var sb = new StringBuilder();
        foreach (var t in Texts(root))
        {
            AppendCollapsed(sb, t.Data);
            if (sb.Length > max) break;
        }
        return sb.ToString().Trim();
    }

    /// <summary>Length of the text inside links below a node (for link density).</summary>
    public static int LinkTextLength(INode root) =>
        Elements(root).Where(e => e.LocalName == "a").Sum(a => Text(a, 2000).Length);

    public static void AppendCollapsed(StringBuilder sb, string data)
    {
        foreach (var c in data)
        {
            if (c is ' ' or '\t' or '\n' or '\r' or '\f' or '\u00A0')
            {
                if (sb.Length > 0 && sb[^1] != ' ' && sb[^1] != '\n') sb.Append(' ');
            }
            else sb.Append(c);
        }
    }
}
