namespace Pipeline.Integration.Tests.Infrastructure;

/// <summary>
/// Base for test classes whose every test gets its own Azurite and a freshly provisioned pipeline (xunit creates
/// one instance per test), so tests never see each other's uploads, counters or ledger rows.
/// </summary>
public abstract class FreshPipelineTest : IAsyncLifetime
{
    protected AzuriteInstance Azurite { get; private set; } = null!;
    protected PipelineTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteInstance.StartNewAsync();
        Host = await PipelineTestHost.StartAsync(Azurite);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}
