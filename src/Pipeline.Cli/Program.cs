return await Pipeline.Cli.CliApp.RunAsync(args);
