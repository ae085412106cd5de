using System.Globalization;

namespace Velora.Ingestion.Bench;

/// <summary>
/// A ratio of two steps measured in the same rounds, taken round by round: the geometric mean of each round's own ratio, and
/// its 95 % confidence interval (Student's t on the logarithms). The machine's speed drifts by about ±7 % within a minute
/// (a fixed CPU loop, run twelve times on an idle machine: 0.74–0.86 s), so a figure near its target needs the interval
/// to say whether the target is missed or only the noise is wide.
/// </summary>
internal sealed record RoundRatio(double Estimate, double Low, double High, int Rounds)
{
    public static RoundRatio Of(IReadOnlyList<double> numerators, IReadOnlyList<double> denominators)
    {
        var logs = numerators.Zip(denominators, (n, d) => Math.Log(n / d)).ToArray();
        var mean = logs.Average();
        if (logs.Length < 2)
        {
            return new RoundRatio(Math.Exp(mean), double.NaN, double.NaN, logs.Length);
        }

        var deviation = Math.Sqrt(logs.Sum(l => (l - mean) * (l - mean)) / (logs.Length - 1));
        var half = StudentT975(logs.Length - 1) * deviation / Math.Sqrt(logs.Length);
        return new RoundRatio(Math.Exp(mean), Math.Exp(mean - half), Math.Exp(mean + half), logs.Length);
    }

    public override string ToString() => double.IsNaN(Low)
        ? string.Create(CultureInfo.InvariantCulture, $"{Estimate:F2} (one round: no interval)")
        : string.Create(CultureInfo.InvariantCulture, $"{Estimate:F2} (95 % interval {Low:F2}–{High:F2}, {Rounds} rounds)");

    /// <summary>The 97.5th percentile of Student's t with that many degrees of freedom (two-sided 95 %), from the standard table;
    /// past 20, the value at the start of each band, which is the widest in it.</summary>
    static double StudentT975(int degrees) => degrees switch
    {
        1 => 12.706, 2 => 4.303, 3 => 3.182, 4 => 2.776, 5 => 2.571, 6 => 2.447, 7 => 2.365, 8 => 2.306, 9 => 2.262,
        10 => 2.228, 11 => 2.201, 12 => 2.179, 13 => 2.160, 14 => 2.145, 15 => 2.131, 16 => 2.120, 17 => 2.110,
        18 => 2.101, 19 => 2.093, 20 => 2.086, <= 30 => 2.080, <= 60 => 2.042, _ => 2.000,
    };
}
