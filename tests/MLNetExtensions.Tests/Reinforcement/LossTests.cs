using MLNetExtensions.Reinforcement.Losses;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MLNetExtensions.Tests.Reinforcement;

/// <summary>The token losses and selections against small cases computed by hand (numpy for the exponentials).</summary>
public sealed class LossTests
{
    private static Tensor Column(params double[] values) => tensor(values.Select(v => (float)v).ToArray()).reshape(-1, 1);

    private static float[] Values(Tensor t) => t.detach().cpu().contiguous().data<float>().ToArray();

    [Fact]
    public void PpoClipTakesTheLargerLossAndFlagsClippedTokens()
    {
        // ratio 0.5/0.4 = 1.25 with A = 1: -1.25 vs -1.2 (clamped) -> -1.2, clipped.
        // ratio 0.3/0.5 = 0.6 with A = -1: 0.6 vs 0.8 (clamped) -> 0.8, clipped.
        // ratio 0.45/0.4 = 1.125 with A = 2: inside the range -> -2.25, not clipped.
        using var logp = Column(Math.Log(0.5), Math.Log(0.3), Math.Log(0.45));
        using var old = Column(Math.Log(0.4), Math.Log(0.5), Math.Log(0.4));
        using var a = Column(1, -1, 2);
        var (loss, clipped) = PpoClipLoss.PerToken(logp, old, a, 0.2, 0.2);
        Assert.Equal(new[] { -1.2, 0.8, -2.25 }, Values(loss).Select(v => Math.Round(v, 5)));
        Assert.Equal(new float[] { 1, 1, 0 }, Values(clipped));

        // Clip-higher (eps_high 0.28): the ratio 1.25 is inside (1 - 0.2, 1 + 0.28), so the positive token is not clipped.
        var (higher, higherClipped) = PpoClipLoss.PerToken(logp, old, a, 0.2, 0.28);
        Assert.Equal(-1.25, Values(higher)[0], 5);
        Assert.Equal(0f, Values(higherClipped)[0]);
    }

    [Fact]
    public void K3KlMatchesHandValueAndIsZeroAtEquality()
    {
        // d = log 0.25 - log 0.5 = -log 2: exp(d) - d - 1 = 0.5 + 0.693147 - 1 = 0.193147 (numpy 0.1931471805599454).
        using var logp = Column(Math.Log(0.5), Math.Log(0.2));
        using var reference = Column(Math.Log(0.25), Math.Log(0.2));
        var k3 = Values(K3Kl.PerToken(logp, reference));
        Assert.Equal(0.1931472, k3[0], 5);
        Assert.Equal(0f, k3[1], 6);
    }

    [Fact]
    public void EntropyBonusSignRaisesEntropyAndIgnoresPadding()
    {
        using var h = tensor(new float[] { 1, 2, 9 }).reshape(1, 3);
        using var mask = tensor(new float[] { 1, 1, 0 }).reshape(1, 3);
        // -0.1 x mean(1, 2) = -0.15: minimising the loss pushes the entropy up.
        Assert.Equal(-0.15, EntropyBonus.Loss(h, mask, 0.1).item<float>(), 5);
        Assert.Equal(1.5, TokenMean.Of(h, mask).item<float>(), 5);
    }

    // logp = [-1, -2, -3, -0.5], A = [1, 0, -1, 2]: means -1.625 and 0.5; centred products
    // (0.5)(0.625) = 0.3125, (-0.5)(-0.375) = 0.1875, (-1.5)(-1.375) = 2.0625, (1.5)(1.125) = 1.6875; Cov = 4.25 / 4 = 1.0625.
    private static Tensor CaseLogp() => Column(-1, -2, -3, -0.5);

    private static Tensor CaseAdvantages() => Column(1, 0, -1, 2);

    [Fact]
    public void TokenCovarianceMatchesHandValues()
    {
        using var logp = CaseLogp();
        using var a = CaseAdvantages();
        using var mask = ones(4, 1);
        Assert.Equal(new[] { 0.3125, 0.1875, 2.0625, 1.6875 }, Values(TokenCovariance.PerToken(logp, a, mask)).Select(v => Math.Round(v, 5)));
        Assert.Equal(1.0625, TokenCovariance.Of(logp, a, mask), 5);
    }

    [Fact]
    public void ClipCovPicksOnlyUnclippedTokensInsideTheBounds()
    {
        using var logp = CaseLogp();
        using var a = CaseAdvantages();
        using var mask = ones(4, 1);
        using var generator = new Generator(1);
        // Candidates with 1 < cov < 5: tokens 2 (2.0625) and 3 (1.6875). ratio 1 -> min(4, 2) = both.
        using var none = zeros(4, 1);
        var (all, count) = ClipCovSelection.Select(logp, a, mask, none, 1.0, 1, 5, generator);
        Assert.Equal(2, count);
        Assert.Equal(new float[] { 0, 0, 1, 1 }, Values(all));
        // Token 3 already PPO-clipped: only token 2 is left; ratio 0.25 x 4 = 1 token.
        using var clipped = Column(0, 0, 0, 1);
        var (one, oneCount) = ClipCovSelection.Select(logp, a, mask, clipped, 0.25, 1, 5, generator);
        Assert.Equal(1, oneCount);
        Assert.Equal(new float[] { 0, 0, 1, 0 }, Values(one));
        // Upper bound 2 excludes token 2 (2.0625); a tiny ratio still picks at least one token (authors' max(., 1)).
        var (upper, upperCount) = ClipCovSelection.Select(logp, a, mask, none, 1e-6, 1, 2, generator);
        Assert.Equal(1, upperCount);
        Assert.Equal(new float[] { 0, 0, 0, 1 }, Values(upper));
        // No candidate (bounds above every cov): nothing is zeroed.
        var (empty, emptyCount) = ClipCovSelection.Select(logp, a, mask, none, 1.0, 10, 20, generator);
        Assert.Equal(0, emptyCount);
        Assert.All(Values(empty), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void ClipCovRandomPickDependsOnlyOnTheSeed()
    {
        using var logp = CaseLogp();
        using var a = CaseAdvantages();
        using var mask = ones(4, 1);
        using var none = zeros(4, 1);
        float[] Pick(int seed)
        {
            using var g = new Generator((ulong)seed);
            return Values(ClipCovSelection.Select(logp, a, mask, none, 0.25, 1, 5, g).Selected);
        }
        Assert.Equal(Pick(3), Pick(3));
        Assert.Equal(1f, Pick(3).Sum());
    }

    [Fact]
    public void KlCovPenalisesTheTopCovarianceTokensOnly()
    {
        using var logp = CaseLogp();
        using var a = CaseAdvantages();
        using var mask = ones(4, 1);
        var (top1, k1) = KlCovSelection.Select(logp, a, mask, 0.25);
        Assert.Equal(1, k1);
        Assert.Equal(new float[] { 0, 0, 1, 0 }, Values(top1));
        var (top2, k2) = KlCovSelection.Select(logp, a, mask, 0.5);
        Assert.Equal(2, k2);
        Assert.Equal(new float[] { 0, 0, 1, 1 }, Values(top2));
        // Loss: token 2 (A = -1, logp - old = -0.5): -A exp(-0.5) + |-0.5| = 0.606531 + 0.5 = 1.106531;
        // token 0 (A = 1, logp - old = 0.1, not selected): -exp(0.1) = -1.105171 (numpy).
        using var old = Column(-1.1, -2, -2.5, -0.5);
        var loss = Values(KlCovSelection.PerTokenLoss(logp, old, a, top1, 1.0));
        Assert.Equal(1.1065307, loss[2], 5);
        Assert.Equal(-1.1051709, loss[0], 5);
        Assert.Equal(0f, loss[1], 6); // A = 0
        Assert.Equal(-2.0, loss[3], 5); // A = 2, ratio 1
    }

    [Fact]
    public void SelectionsIgnorePaddedTokens()
    {
        // A padded token with a huge centred product must never be chosen, and N counts valid tokens only.
        using var logp = Column(-1, -2, -3, -0.5, 50);
        using var a = Column(1, 0, -1, 2, 50);
        using var mask = Column(1, 1, 1, 1, 0);
        var (kl, _) = KlCovSelection.Select(logp, a, mask, 0.25);
        Assert.Equal(new float[] { 0, 0, 1, 0, 0 }, Values(kl));
        using var none = zeros(5, 1);
        using var g = new Generator(0);
        var (clip, _) = ClipCovSelection.Select(logp, a, mask, none, 1.0, 1, 5, g);
        Assert.Equal(new float[] { 0, 0, 1, 1, 0 }, Values(clip));
    }
}
