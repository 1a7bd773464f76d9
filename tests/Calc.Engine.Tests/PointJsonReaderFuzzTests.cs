using System.Text;
using Calc.Engine.Records;
using Calc.Sdk;

namespace Calc.Engine.Tests;

/// <summary>
/// A bounded, seeded fuzz of the record reader: random bytes, mutations and truncations of good records, deep
/// nesting and huge numbers. Every case must end in a parsed record whose strings are valid text, or in a
/// rejection with a reason — never in an exception.
/// </summary>
public sealed class PointJsonReaderFuzzTests
{
    private const int Cases = 4000;

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly string[] Seeds =
    [
        """{"orgId":"o1","modelId":"m","assetId":"A1","pointId":"x","time":1000,"value":2}""",
        """{"orgId":"o1","modelId":"inverter","assetId":"INV01","pointId":"AC_POWER","time":"2020-05-15T05:30:00+05:30","value":"on","quality":3,"attr":{"siteId":"plant1","n":[1,{"k":null}]}}""",
        """{"orgId":"o1","modelId":"m","assetId":"\u00c4\ud83d\ude00","pointId":"p\"q","time":-5,"value":true,"attr":{"\u00e9":"\\"}}""",
    ];

    private static readonly string[] Fragments =
    [
        "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800", "\\udc00", "1e400", "-1e400", "99999999999999999999999",
        "NaN", "Infinity", "-Infinity", "null", "true", "0.0000000000000000000001", "\"value\"", "\"time\"", "\"attr\"", "\"orgId\"",
    ];

    [Fact]
    public void ShouldEndEveryCaseInARecordOrARejection()
    {
        var random = new Random(20261202);
        var reader = new PointJsonReader();
        int parsed = 0, rejected = 0;
        for (var i = 0; i < Cases; i++)
        {
            var input = Case(random, i);
            ParseResult result;
            PointRecord record;
            try
            {
                result = reader.TryRead(input, out record);
            }
            catch (Exception ex)
            {
                Assert.Fail($"case {i} ({Convert.ToHexString(input.AsSpan(0, Math.Min(input.Length, 200)))}) threw {ex.GetType().Name}: {ex.Message}");
                return;
            }

            if (result.Ok)
            {
                parsed++;
                AssertText(record.OrgId, i);
                AssertText(record.ModelId, i);
                AssertText(record.AssetId, i);
                AssertText(record.PointId, i);
                if (record.Value.Kind == PointValueKind.String)
                {
                    AssertText(record.Value.Text!, i);
                }

                Assert.True(record.Value.Kind != PointValueKind.Number || double.IsFinite(record.Value.Number), $"case {i}: a non-finite value was accepted");
            }
            else
            {
                rejected++;
                Assert.False(string.IsNullOrWhiteSpace(result.Reason), $"case {i}: rejected without a reason");
            }
        }

        // The generator must reach both ends, or the test proves nothing about one of them.
        Assert.True(parsed > Cases / 20, $"only {parsed} cases parsed");
        Assert.True(rejected > Cases / 2, $"only {rejected} cases rejected");
    }

    private static void AssertText(string text, int i)
    {
        Assert.False(string.IsNullOrEmpty(text), $"case {i}: an empty id was accepted");
        try
        {
            Strict.GetByteCount(text);
        }
        catch (EncoderFallbackException)
        {
            Assert.Fail($"case {i}: a string with a lone surrogate was accepted");
        }

        Assert.DoesNotContain('\uFFFD', text);
    }

    private static byte[] Case(Random random, int i)
    {
        var seed = Encoding.UTF8.GetBytes(Seeds[random.Next(Seeds.Length)]);
        switch (i % 6)
        {
            case 0:
                var bytes = new byte[random.Next(0, 120)];
                random.NextBytes(bytes);
                return bytes;
            case 1:
                return seed[..random.Next(0, seed.Length)];
            case 2:
                var flipped = (byte[])seed.Clone();
                for (var n = random.Next(1, 4); n > 0; n--)
                {
                    flipped[random.Next(flipped.Length)] = (byte)random.Next(256);
                }

                return flipped;
            case 3:
                var at = random.Next(seed.Length);
                var fragment = Encoding.UTF8.GetBytes(Fragments[random.Next(Fragments.Length)]);
                return [.. seed[..at], .. fragment, .. seed[at..]];
            case 4:
                var depth = random.Next(1, 200);
                var open = random.Next(2) == 0 ? "[" : "{\"k\":";
                var close = open == "[" ? "]" : "}";
                var attr = "{\"a\":" + string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, random.Next(0, depth + 1))) + "}";
                return Encoding.UTF8.GetBytes(Seeds[0][..^1] + ",\"attr\":" + attr + "}");
            default:
                var digits = new string('9', random.Next(1, 400));
                var number = random.Next(4) switch
                {
                    0 => digits,
                    1 => "-" + digits + ".5",
                    2 => "1e" + random.Next(-400, 400),
                    _ => "0." + digits,
                };
                var field = random.Next(3) switch { 0 => "time", 1 => "quality", _ => "value" };
                return Encoding.UTF8.GetBytes(Seeds[0].Replace($"\"{field}\":", $"\"{field}\":{number},\"_{field}\":", StringComparison.Ordinal));
        }
    }
}
