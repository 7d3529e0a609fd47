using Pipeline.Core.Model;

namespace Pipeline.Core.Validation;

// Findings about where and under what name a file was uploaded, decided before its content is read (by the validate
// stage, which knows the agency registry and the storage rules the analyser does not).
public static partial class Findings
{
    public const string UnknownAgencyCode = "unknown-agency";
    public const string UnsafeNameCode = "unsafe-name";

    public static Finding UnknownAgency(string folder) => new(UnknownAgencyCode,
        $"上传目录“{folder}”不是已登记的机构目录,请上传到本机构的目录 incoming/<机构目录>/。",
        $"The upload folder '{folder}' is not a registered agency folder; upload into your agency's folder incoming/<agency>/.");

    public static Finding UnsafeName() => new(UnsafeNameCode,
        "文件名含有“.”或“..”路径段(例如 ..\\ 或 ../),无法安全处理,请改名后重新上传。",
        "The file name has '.' or '..' path segments (e.g. ..\\ or ../) and cannot be processed safely; rename it and upload again.");
}
