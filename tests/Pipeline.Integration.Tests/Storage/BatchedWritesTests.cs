using Pipeline.Integration.Tests.Infrastructure;
using Pipeline.Storage;

namespace Pipeline.Integration.Tests.Storage;

/// <summary>
/// The adapters' one-request paths (batch transactions, a known row's ETag, a block of counter numbers) keep the
/// guarantees the request-per-row paths gave, on a real Azurite.
/// </summary>
public sealed class BatchedWritesTests : FreshPipelineTest
{
    private const string Code = "01362021X2/2025-00901";

    [Fact]
    public async Task An_update_from_a_stale_row_reads_the_row_again_and_loses_nothing()
    {
        var ledger = Host.Get<ReportLedger>();
        Assert.True(await ledger.AddVersionAsync(Entry(1), null));
        var held = await ledger.GetLatestAsync(Code);

        var first = await ledger.UpdateAsync(Code, e => { e.Reason = "first"; return true; }, held);
        // `held` is stale now: its ETag no longer matches, so the write must fail and be retried on a fresh read.
        var second = await ledger.UpdateAsync(Code, e => { e.ChangeNote = "second"; return true; }, held);

        Assert.Equal("first", first!.Reason);
        Assert.Equal("first", second!.Reason);
        Assert.Equal("second", second.ChangeNote);
        var version = await ledger.GetVersionAsync(Code, 1);
        Assert.Equal(("first", "second"), (version!.Reason, version.ChangeNote));
    }

    [Fact]
    public async Task An_update_declined_on_the_known_row_is_asked_again_on_the_stored_row()
    {
        var ledger = Host.Get<ReportLedger>();
        Assert.True(await ledger.AddVersionAsync(Entry(1), null));
        var held = await ledger.GetLatestAsync(Code);
        await ledger.UpdateAsync(Code, e => { e.State = ReportState.Rendered; return true; });

        // The held copy says Validated; the stored row says Rendered, which is what the change waits for.
        var updated = await ledger.UpdateAsync(Code, e =>
        {
            if (e.State != ReportState.Rendered) return false;
            e.State = ReportState.Published;
            return true;
        }, held);

        Assert.Equal(ReportState.Published, updated!.State);
        Assert.Equal(ReportState.Published, (await ledger.GetLatestAsync(Code))!.State);
    }

    [Fact]
    public async Task A_version_that_loses_the_race_writes_neither_row()
    {
        var ledger = Host.Get<ReportLedger>();
        Assert.True(await ledger.AddVersionAsync(Entry(1), null));
        var stale = await ledger.GetLatestAsync(Code);
        Assert.True(await ledger.AddVersionAsync(Entry(2), stale));

        Assert.False(await ledger.AddVersionAsync(Entry(2, "another"), stale));
        Assert.False(await ledger.AddVersionAsync(Entry(1, "another"), null));

        Assert.Equal("hash-2", (await ledger.GetVersionAsync(Code, 2))!.ContentHash);
        Assert.Equal("hash-1", (await ledger.GetVersionAsync(Code, 1))!.ContentHash);
        Assert.Equal(2, (await ledger.GetLatestAsync(Code))!.Version);
    }

    [Fact]
    public async Task Due_rows_are_deleted_in_batches_even_when_one_is_already_gone()
    {
        var due = Host.Get<DueIndex>();
        var at = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 150; i++)
            await due.UpsertAsync($"01362021X2/2025-{i:D5}", at.AddSeconds(i));
        var rows = await due.ListDueAsync(at.AddHours(1), 1000);
        Assert.Equal(150, rows.Count);
        await due.DeleteAsync(rows[120]);

        await due.DeleteAsync(rows);

        Assert.Empty(await due.ListAsync());
    }

    [Fact]
    public async Task A_block_of_counter_numbers_is_never_handed_out_again()
    {
        var counters = Host.Get<Counters>();

        Assert.Equal(5, await counters.IncrementAsync("bench", "block", 5));
        Assert.Equal(6, await counters.IncrementAsync("bench", "block"));
        Assert.Equal(9, await counters.IncrementAsync("bench", "block", 3));
        Assert.Equal(9, await counters.GetAsync("bench", "block"));
    }

    private static LedgerEntry Entry(int version, string hashPrefix = "hash") => new()
    {
        IndexCode = Code,
        State = ReportState.Validated,
        Version = version,
        Agency = "pingliang",
        FileName = "batched.txt",
        ContentHash = $"{hashPrefix}-{version}",
        ReceivedAt = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero),
    };
}
