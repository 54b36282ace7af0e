using System.Globalization;

namespace NocodeAI.Bench;

/// <summary>
/// CPU time of the system's processes from /proc (Linux): each service's process and every descendant
/// (PostgreSQL's backends, a Node gateway's workers), by the pid files ./nocode keeps in .nocode/run and
/// PostgreSQL's postmaster.pid. Used to turn a load phase into CPU milliseconds per operation per process,
/// which holds on a noisy machine where throughput does not.
/// </summary>
public static class ProcessCpu
{
    /// <summary>USER_HZ: /proc reports CPU time in these ticks (100 on every Linux we run).</summary>
    private const double TicksPerSecond = 100;

    public static readonly string[] Components = ["gateway", "access", "models", "targets", "notices", "training", "extraction", "nats", "redis", "postgres"];

    /// <summary>CPU milliseconds used so far by each component that is running.</summary>
    public static IReadOnlyDictionary<string, double> Sample(string root)
    {
        var processes = ReadAll();
        var result = new Dictionary<string, double>();
        foreach (var component in Components)
        {
            if (RootPid(root, component) is not { } pid || !processes.ContainsKey(pid))
            {
                continue;
            }

            result[component] = Subtree(processes, pid) * 1000 / TicksPerSecond;
        }

        return result;
    }

    /// <summary>CPU milliseconds a process and its descendants have used so far (e.g. a gateway the bench started).</summary>
    public static double? OfProcess(int? pid)
    {
        if (pid is not { } root) return null;
        var processes = ReadAll();
        return processes.ContainsKey(root) ? Subtree(processes, root) * 1000 / TicksPerSecond : null;
    }

    /// <summary>The pid ./nocode recorded for a component.</summary>
    public static int? PidOf(string root, string component) => RootPid(root, component);

    public static IReadOnlyDictionary<string, double> Delta(IReadOnlyDictionary<string, double> before, IReadOnlyDictionary<string, double> after) =>
        after.Where(a => before.ContainsKey(a.Key)).ToDictionary(a => a.Key, a => a.Value - before[a.Key]);

    private static int? RootPid(string root, string component)
    {
        var file = component == "postgres"
            ? Directory.EnumerateFiles(Path.Combine(root, ".nocode", "pg"), "postmaster.pid", SearchOption.AllDirectories).FirstOrDefault()
            : Path.Combine(root, ".nocode", "run", $"{component}.pid");
        if (file is null || !File.Exists(file))
        {
            return null;
        }

        return int.TryParse(File.ReadLines(file).FirstOrDefault()?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) ? pid : null;
    }

    /// <summary>Ticks of a process and all its live descendants.</summary>
    private static long Subtree(Dictionary<int, (int Parent, long Ticks)> processes, int pid)
    {
        var total = 0L;
        var stack = new Stack<int>([pid]);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            total += processes[current].Ticks;
            foreach (var (child, info) in processes)
            {
                if (info.Parent == current)
                {
                    stack.Push(child);
                }
            }
        }

        return total;
    }

    private static Dictionary<int, (int Parent, long Ticks)> ReadAll()
    {
        var processes = new Dictionary<int, (int, long)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                // pid (comm) state ppid ... utime(14) stime(15); comm may hold spaces, so split after ')'.
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                processes[pid] = (parent, ticks);
            }
            catch (IOException)
            {
                // The process ended while we read.
            }
        }

        return processes;
    }
}
