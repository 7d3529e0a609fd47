namespace Pipeline.Cli;

/// <summary>
/// Minimal parser for this CLI's commands: positional arguments, "--name value" / "--name=value" options and
/// "--flag" switches. Options not declared by the command are left as configuration overrides
/// ("--Pipeline:Webhooks:0=http://..."), which the configuration's command-line source reads.
/// </summary>
public sealed class CommandArgs
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.OrdinalIgnoreCase);

    public List<string> Positional { get; } = [];
    public List<string> ConfigurationOverrides { get; } = [];

    public static CommandArgs Parse(string[] args, IReadOnlySet<string> valueOptions, IReadOnlySet<string> flags)
    {
        var result = new CommandArgs();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg == "--")
            {
                result.Positional.Add(arg);
                continue;
            }
            var eq = arg.IndexOf('=');
            var name = eq > 0 ? arg[2..eq] : arg[2..];
            if (flags.Contains(name))
            {
                result._options[name] = "true";
            }
            else if (valueOptions.Contains(name))
            {
                var value = eq > 0 ? arg[(eq + 1)..] : i + 1 < args.Length ? args[++i] : throw new ArgumentException($"option --{name} needs a value");
                result._options[name] = value;
            }
            else if (name.Contains(':') || name.Contains("__"))
            {
                result.ConfigurationOverrides.Add(arg);
                if (eq < 0 && i + 1 < args.Length) result.ConfigurationOverrides.Add(args[++i]);
            }
            else
            {
                throw new ArgumentException($"unknown option --{name}");
            }
        }
        return result;
    }

    public string? Get(string name) => _options.GetValueOrDefault(name);
    public bool Has(string name) => _options.ContainsKey(name);
}
