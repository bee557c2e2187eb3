"""Fill holes in code with a trained checkpoint (InCoder's causal-masking prompt).

Mark each hole in the input with ``<insert>`` (change it with --marker); the code comes from --file
or stdin. The filled code is printed (with --json: a JSON object of text, infills, truncation). Generation is
greedy by default; --temperature > 0 samples (nucleus sampling with --top-p), reproducibly by --seed.

  incoder infill --checkpoint out/demo/train/checkpoints --file hole.py
  printf 'def add(a, b):\\n    return <insert>\\n' | incoder infill --checkpoint CKPT --temperature 0.2

Prompt (the InCoder paper, section 2.2): ``<|endoftext|>`` + left + ``<|mask:0|>`` +
right + ``<|mask:1|>`` + ``<|mask:0|>``, then tokens are generated until ``<|endofmask|>``. With
several holes, the code parts are separated by ``<|mask:i|>`` (plus one closing sentinel) and holes
are filled in order, each fill appended as ``<|mask:i|>`` span ``<|endofmask|>`` before the next.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Protocol

import torch

from tokenizer import special_tokens as st
from training.errors import ConfigError, FatalError

log = logging.getLogger(__name__)

DEFAULT_MARKER = "<insert>"
# The paper's left-to-right HumanEval stop words (the InCoder paper, section 2.2).
LEFT_TO_RIGHT_STOP_WORDS = ("\nclass", "\ndef", "\n#", "\nif")


class TokenizerLike(Protocol):
    """What generation needs of a tokenizer (``tokenizer.spm.IncoderTokenizer`` is one)."""

    @property
    def vocab_size(self) -> int: ...

    def encode(self, text: str, allow_special: bool = False) -> list[int]: ...

    def decode(self, ids: Iterable[int]) -> str: ...


@dataclass(frozen=True)
class SamplingOptions:
    """``temperature`` 0: greedy (argmax); otherwise softmax(logits / temperature) restricted to the
    smallest set of tokens whose mass reaches ``top_p``."""

    max_new_tokens: int = 128
    temperature: float = 0.0
    top_p: float = 1.0
    seed: int = 0


def next_tokens(logits_NV: torch.Tensor, options: SamplingOptions, generator: torch.Generator) -> torch.Tensor:
    """One token id per row of ``logits_NV`` (greedy, or temperature + nucleus sampling)."""
    logits_NV = logits_NV.float()
    logits_NV[:, st.PAD_ID] = -float("inf")  # padding is never a token to emit
    if options.temperature <= 0:
        return logits_NV.argmax(dim=-1)
    probs_NV = torch.softmax(logits_NV / options.temperature, dim=-1)
    if options.top_p < 1:
        sorted_NV, order_NV = probs_NV.sort(dim=-1, descending=True)
        # Drop a token when the mass before it already reaches top_p (the first token always stays).
        drop_NV = sorted_NV.cumsum(dim=-1) - sorted_NV >= options.top_p
        sorted_NV = sorted_NV.masked_fill(drop_NV, 0.0)
        probs_NV = torch.zeros_like(probs_NV).scatter(-1, order_NV, sorted_NV)
    choice_N1 = torch.multinomial(probs_NV.cpu(), 1, generator=generator)
    return choice_N1.squeeze(1).to(logits_NV.device)


@torch.no_grad()
def sample(
    model: torch.nn.Module,
    prompt: Sequence[int],
    options: SamplingOptions,
    generator: torch.Generator,
    stop_ids: Iterable[int] = (),
    stop: Callable[[list[int]], bool] | None = None,
    num_samples: int = 1,
) -> list[tuple[list[int], int | None]]:
    """Generate ``num_samples`` continuations of ``prompt``. The prompt runs once; each step then runs
    only the new token of each sample against the cached keys and values (``training.model.KVCache``).
    Returns per sample the new ids (the stop id excluded) and the stop id that ended it (``None``:
    ``max_new_tokens``, the context window, or ``stop(ids)`` returned True)."""
    from training.model import KVCache

    stop_set = set(stop_ids)
    max_new = min(options.max_new_tokens, model.cfg.max_seq_len - len(prompt))
    if max_new <= 0:
        raise ValueError(f"the prompt ({len(prompt)} tokens) fills the model's {model.cfg.max_seq_len}-token context")
    device = next(model.parameters()).device
    cache = KVCache()
    logits_NV = model(torch.tensor([list(prompt)], dtype=torch.long, device=device), cache=cache)[:, -1, :]
    cache = cache.expand(num_samples)
    logits_NV = logits_NV.expand(num_samples, -1).clone()
    new: list[list[int]] = [[] for _ in range(num_samples)]
    ended: list[int | None | bool] = [False] * num_samples  # False: still running
    for step in range(max_new):
        chosen_N = next_tokens(logits_NV, options, generator).tolist()
        for n, token in enumerate(chosen_N):
            if ended[n] is not False:
                continue
            if token in stop_set:
                ended[n] = token
                continue
            new[n].append(token)
            if stop is not None and stop(new[n]):
                ended[n] = None
        if step == max_new - 1 or all(e is not False for e in ended):
            break
        tokens_N1 = torch.tensor(chosen_N, dtype=torch.long, device=device).unsqueeze(1)
        logits_NV = model(tokens_N1, cache=cache)[:, -1, :]
    return [(ids, None if e is False else e) for ids, e in zip(new, ended, strict=True)]


@dataclass
class InfillResult:
    """``text``: the parts with the holes filled; ``infills[i]``: what went into hole i;
    ``truncated[i]``: hole i ended without ``<|endofmask|>`` (token budget or context exhausted);
    ``context_trimmed``: the outer context was shortened to fit the model's context window."""

    text: str
    infills: list[str]
    truncated: list[bool]
    context_trimmed: bool = False


def build_infill_prompt(tokenizer: TokenizerLike, parts: list[str], budget: int) -> tuple[list[int], bool]:
    """Token ids of InCoder's prompt for ``len(parts) - 1`` holes, fitted into ``budget`` tokens.

    When too long, the first part loses tokens from its start and the last part from its end (the
    context nearest the holes is kept); a prompt whose inner parts alone exceed ``budget`` is a
    ``ValueError``. Returns the ids and whether anything was trimmed.
    """
    holes = len(parts) - 1
    if holes < 1:
        raise ValueError("nothing to infill: the text has no hole marker")
    if holes >= st.NUM_MASKS:
        raise ValueError(f"too many holes ({holes}); at most {st.NUM_MASKS - 1}")
    encoded = [tokenizer.encode(part) for part in parts]
    fixed = 1 + (holes + 1) + sum(len(ids) for ids in encoded[1:-1])  # <|endoftext|>, sentinels, inner parts
    room = budget - fixed
    first, last = encoded[0], encoded[-1]
    trimmed = False
    if len(first) + len(last) > room:
        if room < 2:
            raise ValueError(f"the prompt needs {fixed} tokens besides the outer context but only {budget} fit "
                             "beside the generated tokens; lower --max-new-tokens or fill fewer holes")
        trimmed = True
        keep_last = min(len(last), max(room // 2, room - len(first)))
        keep_first = room - keep_last
        first, last = first[max(0, len(first) - keep_first):], last[:keep_last]
    encoded[0], encoded[-1] = first, last
    ids = [st.ENDOFTEXT_ID]
    for i, part_ids in enumerate(encoded):
        ids += part_ids + [st.mask_id(i)]
    return ids, trimmed


@torch.no_grad()
def infill(
    model: torch.nn.Module,
    tokenizer: TokenizerLike,
    parts: list[str],
    max_new_tokens: int = 128,
    temperature: float = 0.0,
    top_p: float = 1.0,
    seed: int = 0,
) -> InfillResult:
    """Fill the holes between ``parts`` (``n`` parts = ``n - 1`` holes) in order, left to right.

    Each hole gets at most ``max_new_tokens`` tokens. Greedy when ``temperature`` is 0; the same
    ``seed`` gives the same sample.
    """
    options = SamplingOptions(max_new_tokens, temperature, top_p, seed)
    max_len = model.cfg.max_seq_len
    holes = len(parts) - 1
    # Every hole adds <|mask:i|>, up to max_new_tokens and <|endofmask|> after the prompt.
    ids, trimmed = build_infill_prompt(tokenizer, parts, max_len - holes * (max_new_tokens + 2))
    generator = torch.Generator(device="cpu").manual_seed(seed)
    infills, truncated = [], []
    for i in range(holes):
        ids = ids + [st.mask_id(i)]
        (span, stop), = sample(model, ids, options, generator, stop_ids={st.ENDOFMASK_ID, st.ENDOFTEXT_ID})
        infills.append(tokenizer.decode(span))
        truncated.append(stop != st.ENDOFMASK_ID)
        ids = ids + span + [st.ENDOFMASK_ID]
    text = "".join(part + (infills[i] if i < holes else "") for i, part in enumerate(parts))
    return InfillResult(text=text, infills=infills, truncated=truncated, context_trimmed=trimmed)


# --------------------------------------------------------------------------- left-to-right baselines


def truncate_completion(text: str, stop_words: Iterable[str] = (), max_lines: int | None = None) -> str:
    """``text`` cut before the first stop word, then to at most ``max_lines`` lines."""
    cut = min([i for i in (text.find(word) for word in stop_words) if i >= 0], default=len(text))
    text = text[:cut]
    if max_lines is not None:
        text = "\n".join(text.split("\n")[:max_lines])
    return text


def _left_prompt(tokenizer: TokenizerLike, left: str, budget: int) -> list[int]:
    """``<|endoftext|>`` + the last ``budget - 1`` tokens of ``left``."""
    left_ids = tokenizer.encode(left)
    if budget < 2:
        raise ValueError("no room for the left context; lower max_new_tokens")
    return [st.ENDOFTEXT_ID] + left_ids[max(0, len(left_ids) - (budget - 1)):]


@torch.no_grad()
def generate_left_to_right(
    model: torch.nn.Module,
    tokenizer: TokenizerLike,
    left: str,
    max_new_tokens: int = 128,
    temperature: float = 0.0,
    top_p: float = 1.0,
    seed: int = 0,
    stop_words: Sequence[str] = (),
    max_lines: int | None = None,
    num_samples: int = 1,
) -> list[str]:
    """``num_samples`` continuations of ``left`` (the paper's left-to-right baseline), each cut at the
    first stop word and to ``max_lines`` lines; generation ends at a special token (end of document,
    end of file, a mask sentinel), a stop word, the line count or ``max_new_tokens``."""
    options = SamplingOptions(max_new_tokens, temperature, top_p, seed)
    prompt = _left_prompt(tokenizer, left, model.cfg.max_seq_len - max_new_tokens)
    generator = torch.Generator(device="cpu").manual_seed(seed)
    stop_ids = {st.ENDOFTEXT_ID, st.ENDOFMASK_ID, st.END_OF_FILE_ID, *st.MASK_IDS}

    def finished(ids: list[int]) -> bool:
        text = tokenizer.decode(ids)
        return any(word in text for word in stop_words) or (max_lines is not None and text.count("\n") >= max_lines)

    samples = sample(model, prompt, options, generator, stop_ids=stop_ids, stop=finished, num_samples=num_samples)
    return [truncate_completion(tokenizer.decode(ids), stop_words, max_lines) for ids, _ in samples]


@torch.no_grad()
def score_candidates(
    model: torch.nn.Module, tokenizer: TokenizerLike, left: str, candidates: Sequence[str], right: str
) -> list[float]:
    """Log-likelihood of each ``left + candidate + right`` read left to right (natural log, summed).

    The left context's own term is the same for every candidate, so only the tokens of candidate and
    right context are summed. Contexts too long for the window are trimmed identically for all
    candidates (left from its start, right from its end).
    """
    left_ids, right_ids = tokenizer.encode(left), tokenizer.encode(right)
    cand_ids = [tokenizer.encode(c) for c in candidates]
    room = model.cfg.max_seq_len - 1 - max((len(c) for c in cand_ids), default=0)
    if room < 1:
        raise ValueError("a candidate fills the model's whole context")
    keep_right = min(len(right_ids), max(room // 2, room - len(left_ids)))
    keep_left = min(len(left_ids), room - keep_right)
    prefix = [st.ENDOFTEXT_ID] + left_ids[len(left_ids) - keep_left:]
    right_ids = right_ids[:keep_right]
    device = next(model.parameters()).device
    scores = []
    for ids in cand_ids:
        tokens = prefix + ids + right_ids
        if len(tokens) == len(prefix):
            scores.append(0.0)
            continue
        tokens_1T = torch.tensor([tokens], dtype=torch.long, device=device)
        logprobs_TV = torch.log_softmax(model(tokens_1T)[0].float(), dim=-1)
        targets_T = tokens_1T[0, len(prefix):]
        picked_T = logprobs_TV[len(prefix) - 1 : -1].gather(1, targets_T.unsqueeze(1)).squeeze(1)
        scores.append(float(picked_T.sum()))
    return scores


@dataclass
class RerankResult:
    """The best candidate, and every candidate with its score (same order)."""

    best: str
    candidates: list[str]
    scores: list[float]


@torch.no_grad()
def rerank_left_to_right(
    model: torch.nn.Module,
    tokenizer: TokenizerLike,
    left: str,
    right: str,
    num_candidates: int = 10,
    max_new_tokens: int = 128,
    temperature: float = 0.8,
    top_p: float = 0.95,
    seed: int = 0,
    stop_words: Sequence[str] = (),
    max_lines: int | None = None,
) -> RerankResult:
    """The paper's left-to-right reranking: sample candidates from the left context alone, keep the
    one under which the whole document (left + candidate + right) is most likely."""
    candidates = generate_left_to_right(model, tokenizer, left, max_new_tokens, temperature, top_p, seed,
                                        stop_words, max_lines, num_samples=num_candidates)
    scores = score_candidates(model, tokenizer, left, candidates, right)
    best = max(range(len(candidates)), key=lambda i: scores[i])
    return RerankResult(candidates[best], candidates, scores)


# --------------------------------------------------------------------------- command line


def check_sampling(max_new_tokens: int, temperature: float, top_p: float) -> None:
    """ConfigError naming the flag when a sampling setting is out of range."""
    if max_new_tokens < 1:
        raise ConfigError("--max-new-tokens must be at least 1")
    if temperature < 0:
        raise ConfigError("--temperature must be >= 0")
    if not 0 < top_p <= 1:
        raise ConfigError("--top-p must be in (0, 1]")


def read_code(path: str | None) -> str:
    """The code with holes: the file at ``path`` (UTF-8), or stdin when ``path`` is None."""
    if not path:
        return sys.stdin.read()
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except OSError as exc:
        raise FatalError(f"cannot read {path}: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise FatalError(f"{path} is not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def load_model(checkpoint: str, device: str = "cpu", tokenizer_path: str | None = None):
    """``(model, tokenizer)`` of a checkpoint directory, for inference."""
    from tokenizer.spm import IncoderTokenizer
    from training.checkpoint import load_for_inference

    model, _cfg, ckpt_tokenizer = load_for_inference(checkpoint, device=device)
    path = tokenizer_path or ckpt_tokenizer
    if path is None:
        raise FatalError(f"checkpoint {checkpoint} has no tokenizer.model; pass --tokenizer")
    tokenizer = IncoderTokenizer(path)
    if tokenizer.vocab_size > model.cfg.vocab_size:
        raise FatalError(f"tokenizer has {tokenizer.vocab_size} ids, the model only {model.cfg.vocab_size}")
    return model, tokenizer


def fill_holes(path: str | None, marker: str, checkpoint: str, *, device: str = "cpu",
               tokenizer_path: str | None = None, max_new_tokens: int = 128, temperature: float = 0.0,
               top_p: float = 1.0, seed: int = 0, as_json: bool = False) -> int:
    """``incoder infill``: fill every ``marker`` hole of the code at ``path`` (stdin when None) and print
    the result (text or JSON)."""
    check_sampling(max_new_tokens, temperature, top_p)
    if not marker:
        raise ConfigError("--marker must not be empty")
    parts = read_code(path).split(marker)
    if len(parts) < 2:
        raise ConfigError(f"no hole marker {marker!r} in the input")
    model, tokenizer = load_model(checkpoint, device_of_arg(device), tokenizer_path)
    try:
        result = infill(model, tokenizer, parts, max_new_tokens, temperature, top_p, seed)
    except ValueError as exc:
        raise FatalError(str(exc)) from None
    for i, cut in enumerate(result.truncated):
        if cut:
            log.warning("hole %d: no <|endofmask|> within %d tokens; the fill may be incomplete", i, max_new_tokens)
    if as_json:
        print(json.dumps(asdict(result), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(result.text)
    return 0


def device_of_arg(device: str) -> str:
    if device.startswith("cuda") and not torch.cuda.is_available():
        raise ConfigError(f"--device {device}: CUDA is not available")
    return device


__all__ = [
    "InfillResult", "RerankResult", "SamplingOptions", "TokenizerLike", "build_infill_prompt",
    "generate_left_to_right", "infill", "load_model", "rerank_left_to_right", "sample", "score_candidates",
]
