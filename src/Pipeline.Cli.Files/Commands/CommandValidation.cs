using System.CommandLine;

namespace Pipeline.Cli.Commands;

/// <summary>Checks on arguments that the parser reports as usage errors (exit 2) before a command runs.</summary>
public static class CommandValidation
{
    /// <summary>Every value names an existing file (or, when <paramref name="folders"/>, a file or a folder).</summary>
    public static Argument<T> MustExist<T>(this Argument<T> argument, bool folders = false)
    {
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                var path = token.Value;
                if (File.Exists(path) || folders && Directory.Exists(path)) continue;
                result.AddError($"{(folders ? "not found" : "file not found")}: {path}");
            }
        });
        return argument;
    }

    /// <summary>The value names an existing folder.</summary>
    public static Argument<string> MustBeFolder(this Argument<string> argument, string what)
    {
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
                if (!Directory.Exists(token.Value)) result.AddError($"'{token.Value}' is not a folder: needs {what}");
        });
        return argument;
    }

    /// <summary>The option, when given, is not blank.</summary>
    public static Option<string> NotBlank(this Option<string> option)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Any(t => string.IsNullOrWhiteSpace(t.Value))) result.AddError($"{option.Name} must not be empty");
        });
        return option;
    }
}
