using Azure;

namespace Pipeline.Stages;

/// <summary>
/// An upload's result document as a stage knows it was last written, with that write's ETag, so the next update can
/// replace it without reading it first: the write is conditional on the ETag, and a document changed meanwhile is read
/// and decided again (<see cref="ResultDocumentUpdater"/>). Only the parts validation fixed need to be right
/// (findings, metadata, removed lines, masked personal data, the time it was processed); every part the ledger decides
/// is recomputed by the update.
/// </summary>
/// <remarks>
/// Validation creates the document and passes that write's ETag to render in the render request; render rebuilds the
/// fixed part from the parsed report it reads anyway (<see cref="ValidationResultDocument.From"/>, processed at the
/// ledger row's receipt time, as validation wrote it) and stages it with the ETag; the publish run then writes
/// "published" with one conditional PUT. Each saves the read of the document (one blob request per report).
/// </remarks>
public sealed record ResultDocumentSnapshot(ValidationResultDocument Document, ETag ETag)
{
    /// <summary>Whether this is the document of the upload that became <paramref name="version"/> of the report.</summary>
    public bool IsOf(string agency, string fileName, int version) =>
        Document.Agency == agency && Document.FileName == fileName && Document.Version == version;
}
