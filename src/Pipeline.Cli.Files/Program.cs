return await Pipeline.Cli.FileCli.RunAsync(args);
