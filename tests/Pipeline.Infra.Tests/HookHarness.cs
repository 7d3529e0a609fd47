using System.Globalization;

namespace Pipeline.Infra.Tests;

/// <summary>
/// Runs an azd hook (infra/hooks/*.sh) with stub `az`, `curl` and `azd` executables first on PATH. Each stub records
/// its arguments (and, for curl, a config read from standard input) in calls.log and answers from canned files:
/// responses/&lt;key&gt;.&lt;n&gt; for its n-th call, else responses/&lt;key&gt;, where the key is the program and its leading
/// words before the first option (e.g. "az-functionapp-keys-list"). A canned file holds the exit code on its first
/// line and standard output after it; the body "@echo-validation" answers an Event Grid validation request the way
/// the Functions host does, by echoing its validation code.
/// </summary>
public sealed class HookHarness : IDisposable
{
    private const string Stub = """
        #!/bin/sh
        name=$(basename "$0")
        key="$name"
        for a in "$@"; do
          case "$a" in -*) break ;; esac
          key="$key-$a"
        done
        config=""
        prev=""
        for a in "$@"; do
          if [ "$prev" = "--config" ] && [ "$a" = "-" ]; then config=$(cat); fi
          prev="$a"
        done
        {
          printf '%s' "$name"
          for a in "$@"; do printf ' [%s]' "$a"; done
          if [ -n "$config" ]; then printf ' stdin[%s]' "$config"; fi
          printf '\n'
        } >> "$STUB_DIR/calls.log"
        count_file="$STUB_DIR/responses/$key.count"
        n=$(( $(cat "$count_file" 2>/dev/null || echo 0) + 1 ))
        echo "$n" > "$count_file"
        file="$STUB_DIR/responses/$key.$n"
        [ -f "$file" ] || file="$STUB_DIR/responses/$key"
        if [ ! -f "$file" ]; then
          echo "stub: no canned answer for $key" >&2
          exit 97
        fi
        code=$(head -n 1 "$file")
        body=$(tail -n +2 "$file")
        if [ "$body" = "@echo-validation" ]; then
          data=""
          prev=""
          for a in "$@"; do
            if [ "$prev" = "--data" ]; then data="$a"; fi
            prev="$a"
          done
          validation=$(printf '%s' "$data" | sed -n 's/.*"validationCode":"\([^"]*\)".*/\1/p')
          body="{ \"validationResponse\": \"$validation\" }"
        fi
        if [ -n "$body" ]; then printf '%s\n' "$body"; fi
        exit "$code"
        """;

    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("pipeline-hook-");

    public HookHarness()
    {
        Directory.CreateDirectory(Path.Combine(directory.FullName, "bin"));
        Directory.CreateDirectory(Path.Combine(directory.FullName, "responses"));
        foreach (var program in new[] { "az", "curl", "azd" })
        {
            var path = Path.Combine(directory.FullName, "bin", program);
            File.WriteAllText(path, Stub.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");
            // The hooks are sh scripts: these tests run where sh does (Linux, macOS; CI).
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>Cans an answer for <paramref name="key"/>: for its <paramref name="call"/>-th call only, or for every call.</summary>
    public HookHarness Answer(string key, int exitCode, string output = "", int? call = null)
    {
        var name = call is { } n ? $"{key}.{n.ToString(CultureInfo.InvariantCulture)}" : key;
        File.WriteAllText(Path.Combine(directory.FullName, "responses", name), $"{exitCode.ToString(CultureInfo.InvariantCulture)}\n{output}");
        return this;
    }

    public sealed record Run(int ExitCode, string StandardOutput, string StandardError, IReadOnlyList<string> Calls)
    {
        public string Output => StandardOutput + StandardError;

        public IReadOnlyList<string> CallsOf(string prefix) => Calls.Where(c => c.StartsWith(prefix, StringComparison.Ordinal)).ToList();
    }

    public async Task<Run> RunAsync(string hook, IReadOnlyDictionary<string, string> environment)
    {
        var variables = new Dictionary<string, string>(environment)
        {
            ["PATH"] = Path.Combine(directory.FullName, "bin") + ":" + Environment.GetEnvironmentVariable("PATH"),
            ["STUB_DIR"] = directory.FullName,
        };
        var result = await Repository.RunAsync("sh", [Path.Combine("infra", "hooks", hook)], Repository.Root, variables, TimeSpan.FromMinutes(2));
        var log = Path.Combine(directory.FullName, "calls.log");
        var calls = File.Exists(log) ? await File.ReadAllLinesAsync(log) : [];
        return new Run(result.ExitCode, result.StandardOutput, result.StandardError, calls);
    }

    public void Dispose() => directory.Delete(recursive: true);
}
