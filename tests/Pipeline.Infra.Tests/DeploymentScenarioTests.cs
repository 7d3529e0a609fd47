using System.Text.Json.Nodes;
using Pipeline.Storage;

namespace Pipeline.Infra.Tests;

/// <summary>
/// What `azd provision` would create for each choice an operator can make, predicted offline by `bicep snapshot`.
/// The choices form four independent groups that touch disjoint resources: archive retention (days × locked),
/// operator data access (granted × principal known), network mode and Front Door. The four scenarios below cover
/// every combination inside each group, and every network × Front Door pair; each assertion derives what it expects
/// from the scenario's own values, so a wrong condition in any group fails at least one scenario.
/// </summary>
public sealed class DeploymentScenarioTests
{
    private const string OperatorId = "11111111-2222-3333-4444-555555555555";
    private const string BlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private const string BlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string QueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string TableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";

    public static TheoryData<int, bool, bool, bool, string, bool> Scenarios() => new()
    {
        // archiveDays, archiveLocked, grantOperator, operatorKnown, networkMode, frontDoor
        { 365, false, false, false, "Public", false },
        { 365, true, true, true, "AppPrivateEndpoints", true },
        { 0, false, true, false, "Public", true },
        { 0, true, false, true, "AppPrivateEndpoints", false },
    };

    private static Task<DeploymentSnapshot> SnapshotAsync(int archiveDays, bool archiveLocked, bool grantOperator, bool operatorKnown, string networkMode, bool frontDoor) =>
        DeploymentSnapshot.OfMainAsync(new Dictionary<string, string>
        {
            ["archiveRetentionDays"] = archiveDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["archiveRetentionLocked"] = archiveLocked ? "true" : "false",
            ["grantOperatorDataAccess"] = grantOperator ? "true" : "false",
            ["operatorPrincipalId"] = operatorKnown ? $"'{OperatorId}'" : "''",
            ["networkMode"] = $"'{networkMode}'",
            ["enableFrontDoor"] = frontDoor ? "true" : "false",
        });

    private static string RoleOf(JsonObject assignment) =>
        assignment["properties"]!["roleDefinitionId"]!.GetValue<string>().Split('/')[^1];

    private static string PrincipalOf(JsonObject assignment) => assignment["properties"]!["principalId"]!.GetValue<string>();

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Provisioning_never_creates_the_event_subscription_so_it_works_before_any_code_is_deployed(
        int archiveDays, bool archiveLocked, bool grantOperator, bool operatorKnown, string networkMode, bool frontDoor)
    {
        var snapshot = await SnapshotAsync(archiveDays, archiveLocked, grantOperator, operatorKnown, networkMode, frontDoor);

        Assert.Empty(snapshot.OfType("Microsoft.EventGrid/systemTopics/eventSubscriptions"));
        Assert.DoesNotContain(snapshot.Resources, r => DeploymentSnapshot.Text(r).Contains("listKeys", StringComparison.OrdinalIgnoreCase));
        // The topic exists (so its identity and role are in place long before the subscription is created).
        snapshot.Single("Microsoft.EventGrid/systemTopics");
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Archive_policy_is_written_only_while_unlocked(
        int archiveDays, bool archiveLocked, bool grantOperator, bool operatorKnown, string networkMode, bool frontDoor)
    {
        var snapshot = await SnapshotAsync(archiveDays, archiveLocked, grantOperator, operatorKnown, networkMode, frontDoor);

        var policies = snapshot.OfType("Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies").ToList();
        if (archiveDays > 0 && !archiveLocked)
        {
            var policy = Assert.Single(policies);
            Assert.EndsWith("/default/archive/default", policy["name"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal(archiveDays, policy["properties"]!["immutabilityPeriodSinceCreationInDays"]!.GetValue<int>());
        }
        else
        {
            // Locked: a PUT would fail (only extend is allowed). No retention: nothing to write.
            Assert.Empty(policies);
        }
        var archive = snapshot.OfType("Microsoft.Storage/storageAccounts/blobServices/containers")
            .Single(c => c["name"]!.GetValue<string>().EndsWith("/archive", StringComparison.Ordinal));
        var worm = archive["properties"]?["immutableStorageWithVersioning"]?["enabled"]?.GetValue<bool>() ?? false;
        Assert.Equal(archiveDays > 0, worm);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Event_Grid_topic_may_write_only_the_dead_letter_container(
        int archiveDays, bool archiveLocked, bool grantOperator, bool operatorKnown, string networkMode, bool frontDoor)
    {
        var snapshot = await SnapshotAsync(archiveDays, archiveLocked, grantOperator, operatorKnown, networkMode, frontDoor);

        var topicRoles = snapshot.OfType("Microsoft.Authorization/roleAssignments")
            .Where(r => PrincipalOf(r).Contains("Microsoft.EventGrid/systemTopics", StringComparison.Ordinal)).ToList();
        var role = Assert.Single(topicRoles);
        Assert.Equal(BlobDataContributor, RoleOf(role));
        Assert.Contains("/blobServices/default/containers/eventgrid-deadletter/providers/Microsoft.Authorization/roleAssignments/",
            DeploymentSnapshot.Id(role), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Operator_gets_data_roles_only_when_asked_and_known(
        int archiveDays, bool archiveLocked, bool grantOperator, bool operatorKnown, string networkMode, bool frontDoor)
    {
        var snapshot = await SnapshotAsync(archiveDays, archiveLocked, grantOperator, operatorKnown, networkMode, frontDoor);

        var operatorRoles = snapshot.OfType("Microsoft.Authorization/roleAssignments").Where(r => PrincipalOf(r) == OperatorId).ToList();
        if (grantOperator && operatorKnown)
        {
            Assert.Equal(new[] { BlobDataContributor, QueueDataContributor, TableDataContributor }.Order(), operatorRoles.Select(RoleOf).Order());
            var account = DeploymentSnapshot.Id(snapshot.Single("Microsoft.Storage/storageAccounts"));
            Assert.All(operatorRoles, r => Assert.StartsWith(account + "/providers/Microsoft.Authorization/", DeploymentSnapshot.Id(r), StringComparison.Ordinal));
            Assert.All(operatorRoles, r => Assert.Equal("User", r["properties"]!["principalType"]!.GetValue<string>()));
        }
        else
        {
            Assert.Empty(operatorRoles);
        }
        // The app's identity: three storage roles and telemetry; nobody else holds Blob Data Owner.
        var appRoles = snapshot.OfType("Microsoft.Authorization/roleAssignments")
            .Where(r => PrincipalOf(r).Contains("Microsoft.ManagedIdentity/userAssignedIdentities", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, appRoles.Count);
        Assert.All(snapshot.OfType("Microsoft.Authorization/roleAssignments").Where(r => RoleOf(r) == BlobDataOwner),
            r => Assert.Contains(r, appRoles));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Network_mode_adds_private_endpoints_for_the_app_and_keeps_the_public_site_reachable(
        int archiveDays, bool archiveLocked, bool grantOperator, bool operatorKnown, string networkMode, bool frontDoor)
    {
        var snapshot = await SnapshotAsync(archiveDays, archiveLocked, grantOperator, operatorKnown, networkMode, frontDoor);
        var isPrivate = networkMode == "AppPrivateEndpoints";

        Assert.Equal(isPrivate ? 1 : 0, snapshot.OfType("Microsoft.Network/virtualNetworks").Count());
        var endpoints = snapshot.OfType("Microsoft.Network/privateEndpoints").ToList();
        Assert.Equal(isPrivate ? ["blob", "queue", "table"] : [],
            endpoints.Select(e => e["properties"]!["privateLinkServiceConnections"]![0]!["properties"]!["groupIds"]![0]!.GetValue<string>()).Order().ToArray());
        Assert.Equal(isPrivate ? 3 : 0, snapshot.OfType("Microsoft.Network/privateEndpoints/privateDnsZoneGroups").Count());
        Assert.Equal(isPrivate ? 3 : 0, snapshot.OfType("Microsoft.Network/privateDnsZones/virtualNetworkLinks").Count());

        var app = snapshot.Single("Microsoft.Web/sites");
        var subnet = app["properties"]?["virtualNetworkSubnetId"];
        if (isPrivate) Assert.EndsWith("/subnets/app", subnet!.GetValue<string>(), StringComparison.Ordinal);
        else Assert.Null(subnet);

        // Agencies upload from their own networks and the static website endpoint follows the account's network rules:
        // the account stays reachable in every mode.
        var account = snapshot.Single("Microsoft.Storage/storageAccounts")["properties"]!;
        Assert.Equal("Enabled", account["publicNetworkAccess"]!.GetValue<string>());
        Assert.Equal("Allow", account["networkAcls"]!["defaultAction"]!.GetValue<string>());
        Assert.Equal(frontDoor ? 1 : 0, snapshot.OfType("Microsoft.Cdn/profiles").Count());
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Static_website_is_enabled_with_the_documents_the_hook_checks(
        int archiveDays, bool archiveLocked, bool grantOperator, bool operatorKnown, string networkMode, bool frontDoor)
    {
        var snapshot = await SnapshotAsync(archiveDays, archiveLocked, grantOperator, operatorKnown, networkMode, frontDoor);

        var website = snapshot.Single("Microsoft.Storage/storageAccounts/blobServices")["properties"]!["staticWebsite"]!;
        Assert.True(website["enabled"]!.GetValue<bool>());
        Assert.Equal(StorageProvisioner.IndexDocument, website["indexDocument"]!.GetValue<string>());
        Assert.Equal(StorageProvisioner.NotFoundDocument, website["errorDocument404Path"]!.GetValue<string>());
        // The postprovision hook enables it with the same documents if Azure did not.
        Assert.Equal(StorageProvisioner.IndexDocument, snapshot.Outputs["STATIC_WEBSITE_INDEX_DOCUMENT"]!.GetValue<string>());
        Assert.Equal(StorageProvisioner.NotFoundDocument, snapshot.Outputs["STATIC_WEBSITE_404_DOCUMENT"]!.GetValue<string>());
    }

    [Fact]
    public async Task Old_deployment_packages_expire_and_the_archive_never_does()
    {
        var snapshot = await SnapshotAsync(365, false, false, false, "Public", false);
        var rules = snapshot.Single("Microsoft.Storage/storageAccounts/managementPolicies")["properties"]!["policy"]!["rules"]!.AsArray();
        var versions = rules.Single(r => r!["name"]!.GetValue<string>() == "expire-superseded-versions")!["definition"]!;
        var prefixes = versions["filters"]!["prefixMatch"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();

        Assert.Contains("app-package/", prefixes);
        Assert.Contains("$web/", prefixes);
        Assert.DoesNotContain("archive/", prefixes);
        // Only superseded versions go: the current package (what the app runs) is never deleted by age.
        Assert.NotNull(versions["actions"]!["version"]!["delete"]);
        Assert.Null(versions["actions"]!["baseBlob"]);
        Assert.DoesNotContain(rules, r => r!["definition"]!["filters"]!["prefixMatch"]!.AsArray().Any(p => p!.GetValue<string>() == "archive/"));
    }
}
