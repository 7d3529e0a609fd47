using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace Pipeline.Core.Timeliness;

/// <summary>
/// The official working-day calendar of the mainland's government offices: Monday to Friday, except the holidays of
/// the State Council General Office's yearly notice (国务院办公厅关于XXXX年部分节假日安排的通知), plus the weekend
/// days that notice makes working days (调休上班). One JSON file per year (config/calendar/&lt;year&gt;.json, embedded in
/// this assembly). A year without its file is unknown: a day in it is neither working nor free, so a count that
/// crosses it is reported as incomplete instead of guessed.
/// </summary>
public sealed class WorkingDayCalendar
{
    private const string ResourcePrefix = "Pipeline.Core.Calendar.";

    private static readonly Lazy<WorkingDayCalendar> LazyOfficial = new(LoadEmbedded);

    private readonly FrozenSet<int> _years;
    private readonly FrozenSet<DateOnly> _holidays;
    private readonly FrozenSet<DateOnly> _workingWeekends;

    private WorkingDayCalendar(IEnumerable<int> years, IEnumerable<DateOnly> holidays, IEnumerable<DateOnly> workingWeekends)
    {
        _years = years.ToFrozenSet();
        _holidays = holidays.ToFrozenSet();
        _workingWeekends = workingWeekends.ToFrozenSet();
    }

    /// <summary>The calendar shipped with the pipeline (config/calendar/*.json).</summary>
    public static WorkingDayCalendar Official => LazyOfficial.Value;

    /// <summary>The years whose notice is in the data, ascending.</summary>
    public IReadOnlyList<int> Years => _years.Order().ToList();

    /// <summary>Whether the notice for <paramref name="year"/> is in the data.</summary>
    public bool Covers(int year) => _years.Contains(year);

    /// <summary>True or false for a day of a covered year; null when its year's notice is not in the data.</summary>
    public bool? IsWorkingDay(DateOnly day)
    {
        if (!Covers(day.Year)) return null;
        if (_workingWeekends.Contains(day)) return true;
        if (_holidays.Contains(day)) return false;
        return day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>
    /// Working days after <paramref name="from"/> up to and including <paramref name="to"/>: the day a time limit
    /// starts is not counted (a report made on a Monday and published on the Tuesday took 1 working day). Zero when
    /// <paramref name="to"/> is not after <paramref name="from"/>. Years the data lacks are listed, and the count is
    /// then only of the days it knows.
    /// </summary>
    public WorkingDayCount CountWorkingDays(DateOnly from, DateOnly to)
    {
        var missing = new SortedSet<int>();
        var days = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            switch (IsWorkingDay(day))
            {
                case true: days++; break;
                case null: missing.Add(day.Year); break;
            }
        }
        return new WorkingDayCount(days, missing.ToList());
    }

    /// <summary>Reads calendar files (the JSON text of each): <c>{"year", "sources", "holidays": [{name, from, to}], "workingWeekends": [..]}</c>.</summary>
    /// <exception cref="InvalidDataException">A file is not a calendar, or two files claim the same year.</exception>
    public static WorkingDayCalendar Parse(IEnumerable<string> files)
    {
        var years = new HashSet<int>();
        var holidays = new List<DateOnly>();
        var workingWeekends = new List<DateOnly>();
        foreach (var json in files)
        {
            var file = JsonSerializer.Deserialize(json, CalendarJsonContext.Default.CalendarFile)
                ?? throw new InvalidDataException("a calendar file is empty");
            if (file.Year is < 1949 or > 9998) throw new InvalidDataException($"calendar year {file.Year} is not a year");
            if (file.Sources is not { Count: > 0 }) throw new InvalidDataException($"calendar {file.Year} cites no notice");
            if (!years.Add(file.Year)) throw new InvalidDataException($"calendar year {file.Year} is given twice");
            foreach (var holiday in file.Holidays ?? [])
            {
                var (first, last) = (Day(holiday.From, file.Year), Day(holiday.To, file.Year));
                if (last < first || last.DayNumber - first.DayNumber > 30)
                    throw new InvalidDataException($"calendar {file.Year}: holiday {holiday.Name} {holiday.From}..{holiday.To} is not a range of days");
                for (var day = first; day <= last; day = day.AddDays(1)) holidays.Add(day);
            }
            foreach (var text in file.WorkingWeekends ?? [])
            {
                var day = Day(text, file.Year);
                if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                    throw new InvalidDataException($"calendar {file.Year}: working weekend day {text} is a {day.DayOfWeek}");
                workingWeekends.Add(day);
            }
        }
        return new WorkingDayCalendar(years, holidays, workingWeekends);
    }

    private static DateOnly Day(string? text, int year) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new InvalidDataException($"calendar {year}: \"{text}\" is not a yyyy-MM-dd date");

    private static WorkingDayCalendar LoadEmbedded()
    {
        var assembly = typeof(WorkingDayCalendar).Assembly;
        var texts = new List<string>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            texts.Add(reader.ReadToEnd());
        }
        return Parse(texts);
    }
}
