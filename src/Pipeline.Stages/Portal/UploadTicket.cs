namespace Pipeline.Stages.Portal;

/// <summary>
/// The answer to an upload request: PUT the file to <paramref name="UploadUrl"/> with exactly <paramref name="Headers"/>
/// before <paramref name="ExpiresAt"/>. <paramref name="FileName"/> is the name it will have (made safe).
/// </summary>
public sealed record UploadTicket(string FileName, string UploadUrl, DateTimeOffset ExpiresAt, IReadOnlyDictionary<string, string> Headers, DateTimeOffset? ReleaseAt);
