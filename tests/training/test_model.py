"""The model: XGLM equivalence (export is a renaming), position variants, presets, inference loading."""

from __future__ import annotations

import pytest
import torch

from training.model import PRESETS, KVCache, ModelConfig, Transformer, build_model_config

pytestmark = pytest.mark.usefixtures("one_thread")


def _cfg(**kw) -> ModelConfig:
    base = dict(vocab_size=300, d_model=64, n_layers=2, n_heads=4, d_ff=128, max_seq_len=64)
    return ModelConfig(**{**base, **kw})


def test_sinusoidal_model_equals_xglm_with_renamed_weights():
    from transformers import XGLMConfig, XGLMForCausalLM

    cfg = _cfg()
    torch.manual_seed(0)
    ours = Transformer(cfg).eval()
    with torch.no_grad():  # non-trivial biases and norms so every parameter's mapping is exercised
        for name, p in ours.named_parameters():
            if "layer_norm" in name or name.endswith("bias"):
                p.add_(torch.randn_like(p) * 0.1)
    hf_cfg = XGLMConfig(vocab_size=cfg.vocab_size, d_model=cfg.d_model, num_layers=cfg.n_layers,
                        attention_heads=cfg.n_heads, ffn_dim=cfg.d_ff, max_position_embeddings=cfg.max_seq_len,
                        dropout=0.0, attention_dropout=0.0, activation_dropout=0.0, layerdrop=0.0,
                        scale_embedding=True, pad_token_id=cfg.pad_id, activation_function="gelu")
    hf = XGLMForCausalLM(hf_cfg).eval()
    state = {f"model.{k}": v for k, v in ours.state_dict().items() if k != "lm_head.weight"}
    missing, unexpected = hf.load_state_dict(state, strict=False)
    assert not unexpected
    assert set(missing) <= {"lm_head.weight"}
    hf.tie_weights()
    tokens_BT = torch.randint(1, cfg.vocab_size, (2, 17))
    with torch.no_grad():
        ref = hf(input_ids=tokens_BT, use_cache=False).logits
        got = ours(tokens_BT)
    torch.testing.assert_close(got, ref, atol=1e-5, rtol=1e-5)


@pytest.mark.parametrize("positions", ["sinusoidal", "learned", "rotary"])
def test_forward_shapes_and_causality(positions):
    torch.manual_seed(0)
    model = Transformer(_cfg(positions=positions)).eval()
    tokens_BT = torch.randint(0, 300, (2, 12))
    logits_BTV = model(tokens_BT)
    assert logits_BTV.shape == (2, 12, 300)
    changed = tokens_BT.clone()
    changed[:, 8:] = (changed[:, 8:] + 1) % 300
    with torch.no_grad():  # a later token never changes earlier logits
        torch.testing.assert_close(model(changed)[:, :8], logits_BTV[:, :8].detach())


@pytest.mark.parametrize("positions", ["sinusoidal", "learned", "rotary"])
def test_kv_cache_gives_the_logits_of_the_whole_sequence(positions):
    torch.manual_seed(0)
    model = Transformer(_cfg(positions=positions)).eval()
    tokens_BT = torch.randint(1, 300, (2, 40))
    cache = KVCache()
    with torch.no_grad():
        whole = model(tokens_BT)
        # a prompt, a chunk of several new tokens (explicit mask), then one token at a time
        parts = [model(tokens_BT[:, :17], cache=cache), model(tokens_BT[:, 17:23], cache=cache)]
        parts += [model(tokens_BT[:, t : t + 1], cache=cache) for t in range(23, 40)]
    assert cache.length == 40
    torch.testing.assert_close(torch.cat(parts, dim=1), whole, atol=1e-4, rtol=1e-4)
    with pytest.raises(ValueError, match="exceeds max_seq_len"):
        model(torch.ones(2, 25, dtype=torch.long), cache=cache)


def test_kv_cache_expands_one_prompt_to_many_rows():
    torch.manual_seed(0)
    model = Transformer(_cfg()).eval()
    prompt = torch.randint(1, 300, (1, 10))
    nxt = torch.randint(1, 300, (3, 1))
    cache = KVCache()
    with torch.no_grad():
        model(prompt, cache=cache)
        got = model(nxt, cache=cache.expand(3))[:, -1]
        want = model(torch.cat([prompt.expand(3, -1), nxt], dim=1))[:, -1]
    torch.testing.assert_close(got, want, atol=1e-4, rtol=1e-4)


def test_tied_embeddings_and_scaling():
    model = Transformer(_cfg())
    assert model.lm_head.weight is model.embed_tokens.weight
    untied = Transformer(_cfg(tie_embeddings=False))
    assert untied.lm_head.weight is not untied.embed_tokens.weight
    assert model.embed_scale == pytest.approx(8.0)
    assert Transformer(_cfg(scale_embeddings=False)).embed_scale == 1.0


def test_presets_and_validation():
    one_b = build_model_config("incoder-1B", {}, 8000)
    assert (one_b.n_layers, one_b.d_model, one_b.n_heads, one_b.d_ff, one_b.vocab_size) == (24, 2048, 32, 8192, 50518)
    six_b = build_model_config("incoder-6B", {}, None)
    assert (six_b.n_layers, six_b.d_model, six_b.d_ff) == (32, 4096, 16384)
    assert build_model_config("tiny", {}, 320).vocab_size == 320
    assert set(PRESETS) == {"tiny", "small", "base", "incoder-1B", "incoder-6B"}
    with pytest.raises(ValueError, match="smaller than the tokenizer"):
        build_model_config("tiny", {"vocab_size": 100}, 320)
    with pytest.raises(ValueError, match="divisible"):
        _cfg(n_heads=5)
    with pytest.raises(ValueError, match="max_seq_len"):
        Transformer(_cfg(max_seq_len=8))(torch.zeros(1, 9, dtype=torch.long))
