import numpy as np
import pytest

from ailead.distillation import distilled_lag


def test_zero_share_leaves_the_lag_unchanged():
    lags = np.array([-2.0, 0.0, 3.0, 18.0])
    assert np.array_equal(distilled_lag(lags, 0.0, 4.0), lags)


def test_full_share_caps_the_lag_at_the_delay():
    lags = np.array([1.0, 4.0, 10.0, 30.0])
    assert distilled_lag(lags, 1.0, 4.0).tolist() == [1.0, 4.0, 4.0, 4.0]


def test_half_share_halves_the_part_beyond_the_delay():
    # 20 months of own lag, 6 months delay: 14 months beyond, half absorbed.
    assert distilled_lag(20.0, 0.5, 6.0) == pytest.approx(13.0)


def test_more_share_or_less_delay_never_lengthens_the_lag():
    lags = np.linspace(-5, 40, 91)
    shares = np.linspace(0, 1, 11)
    by_share = np.array([distilled_lag(lags, s, 5.0) for s in shares])
    assert np.all(np.diff(by_share, axis=0) <= 1e-12)
    delays = np.linspace(0, 20, 11)
    by_delay = np.array([distilled_lag(lags, 0.6, d) for d in delays])
    assert np.all(np.diff(by_delay, axis=0) >= -1e-12)


@pytest.mark.parametrize("share, delay", [(-0.1, 3.0), (1.5, 3.0), (0.5, -1.0)])
def test_impossible_parameters_raise(share, delay):
    with pytest.raises(ValueError):
        distilled_lag(10.0, share, delay)
