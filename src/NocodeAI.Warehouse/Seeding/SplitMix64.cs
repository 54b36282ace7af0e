namespace NocodeAI.Warehouse.Seeding;

/// <summary>
/// SplitMix64 (Steele, Lea, Flood 2014): a tiny, fully specified PRNG, so a seed means the same numbers on
/// every machine and .NET version (System.Random makes no such promise). Normals use the Irwin–Hall sum of
/// twelve uniforms, which needs only additions and so is bit-for-bit reproducible too.
/// </summary>
internal struct SplitMix64(ulong state)
{
    private ulong _state = state;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>Approximately normal (Irwin–Hall, 12 uniforms); tails are cut at ±6 standard deviations.</summary>
    public double Normal(double mean, double standardDeviation)
    {
        var sum = 0.0;
        for (var i = 0; i < 12; i++)
        {
            sum += NextDouble();
        }

        return mean + ((sum - 6.0) * standardDeviation);
    }

    /// <summary>Poisson by Knuth's product of uniforms; <paramref name="limit"/> is e^-λ.</summary>
    public int Poisson(double limit)
    {
        var count = 0;
        var product = NextDouble();
        while (product > limit)
        {
            count++;
            product *= NextDouble();
        }

        return count;
    }

    /// <summary>Index drawn with the given weights (which sum to 1).</summary>
    public int Pick(ReadOnlySpan<double> weights)
    {
        var u = NextDouble();
        for (var i = 0; i < weights.Length - 1; i++)
        {
            u -= weights[i];
            if (u < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    /// <summary>A stream for one (seed, row) pair: rows can be generated in any order or in parallel.</summary>
    public static SplitMix64 ForRow(int seed, long rowId)
    {
        var mixer = new SplitMix64(((ulong)(uint)seed << 32) ^ 0xD1B54A32D192ED03UL);
        var seedKey = mixer.Next();
        var row = new SplitMix64(seedKey ^ ((ulong)rowId * 0x9E3779B97F4A7C15UL));
        row.Next();
        return row;
    }
}
