"""Spoken prompts: Chinese text → 8 kHz mono WAV with Debian's ``espeak-ng -v cmn`` (cached by content),
numbers built from digit prompts, and several pieces joined into one WAV so a worker plays one file.

Build time: ``resources/prompts/generate.py`` pre-renders the fixed prompts (digits, queue announcement
pieces, standard messages, hold music) into ``resources/prompts``. Run time: an admin's new menu text is
rendered once on first use into the server's prompt cache (``<data_dir>/prompts``).

Threading: functions are reentrant; the cache is written atomically (temp file + rename), so worker
processes may render the same prompt at the same time.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shutil
import subprocess
import tempfile
import wave
from collections.abc import Sequence
from pathlib import Path

logger = logging.getLogger(__name__)

SAMPLE_RATE = 8000
RESOURCES = Path(__file__).resolve().parents[2] / "resources" / "prompts"
HOLD_MUSIC = "hold_music"

#: Fixed prompts (name → text), rendered at build time; the IVR and the queue refer to them by name.
STANDARD_PROMPTS: dict[str, str] = {
    **{f"digit_{d}": t for d, t in zip("0123456789", "零一二三四五六七八九", strict=True)},
    "ten": "十",
    "hundred": "百",
    "thousand": "千",
    "two_liang": "两",
    "position_before": "您前面还有",
    "position_after": "位在等待。",
    "wait_before": "预计等待",
    "wait_minutes": "分钟。",
    "wait_under_minute": "预计等待不到一分钟。",
    "please_hold": "坐席正忙，请稍候，我们将尽快为您服务。",
    "blocked": "您的号码已被限制呼入，再见。",
    "not_in_service": "您拨打的号码暂不提供服务，再见。",
    "invalid_choice": "您的输入有误，请重新选择。",
    "no_input_goodbye": "没有收到您的按键，再见。",
    "voicemail_intro": "请在提示音后留言，按井号键结束。",
    "voicemail_saved": "您的留言已保存，再见。",
    "ticket_not_found": "没有查到这个编号的工单。",
    "transfer_wait": "正在为您转接，请稍候。",
    "goodbye": "感谢您的来电，再见。",
    "beep": "",  # a 1 kHz tone, not speech
}


# normalise, trim espeak's leading/trailing silence (digits are strung together), end with a short pause
_SOX_EFFECTS: tuple[str, ...] = ("gain", "-n", "-3", "silence", "1", "0.01", "0.5%", "reverse")
_SOX_EFFECTS += ("silence", "1", "0.01", "0.5%", "reverse", "pad", "0", "0.08")


class PromptError(RuntimeError):
    """A prompt could not be rendered (espeak-ng/sox missing or failing); the message says what to do."""


def _render_speech(text: str, out: Path) -> None:
    espeak = shutil.which("espeak-ng")
    sox = shutil.which("sox")
    if espeak is None or sox is None:
        raise PromptError(
            "Rendering voice prompts needs Debian's 'espeak-ng' and 'sox' (apt-get install espeak-ng sox)."
        )
    with tempfile.TemporaryDirectory(prefix="prompt-") as tmp:
        raw = Path(tmp) / "raw.wav"
        try:
            subprocess.run(
                [espeak, "-v", "cmn", "-s", "150", "-w", str(raw), text],
                check=True,
                timeout=30,
                capture_output=True,
            )
            subprocess.run(
                [sox, str(raw), "-r", str(SAMPLE_RATE), "-c", "1", "-b", "16", str(out), *_SOX_EFFECTS],
                check=True,
                timeout=30,
                capture_output=True,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise PromptError(f"could not render prompt {text[:30]!r}: {exc}") from exc


def write_tone(out: Path, freq_hz: float = 1000.0, seconds: float = 0.4, amplitude: float = 0.3) -> None:
    import math

    n = int(SAMPLE_RATE * seconds)
    frames = bytearray()
    for i in range(n):
        value = int(32767 * amplitude * math.sin(2 * math.pi * freq_hz * i / SAMPLE_RATE))
        frames += value.to_bytes(2, "little", signed=True)
    _write_wav(out, bytes(frames))


def write_silence(out: Path, seconds: float) -> None:
    _write_wav(out, bytes(2 * int(SAMPLE_RATE * seconds)))


def _write_wav(out: Path, pcm: bytes) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, suffix=".tmp")
    os.close(fd)
    try:
        with wave.open(tmp, "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(SAMPLE_RATE)
            w.writeframes(pcm)
        os.replace(tmp, out)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def wav_duration(path: Path) -> float:
    with wave.open(str(path), "rb") as w:
        return w.getnframes() / float(w.getframerate())


def number_prompts(value: int) -> list[str]:
    """Names of the digit prompts that say ``value`` in Chinese (0–9999): 23 → 二十三, 105 → 一百零五."""
    if value < 0 or value > 9999:
        raise ValueError(f"cannot speak {value}: only 0–9999")
    if value < 10:
        return [f"digit_{value}"]
    if value < 20:
        return ["ten"] + ([f"digit_{value - 10}"] if value > 10 else [])
    parts: list[str] = []
    units = [(1000, "thousand"), (100, "hundred"), (10, "ten")]
    rest = value
    pending_zero = False
    for size, name in units:
        digit, rest = divmod(rest, size)
        if digit:
            if pending_zero:
                parts.append("digit_0")
                pending_zero = False
            parts += [f"digit_{digit}", name]
        elif parts:
            pending_zero = True
    if rest:
        if pending_zero:
            parts.append("digit_0")
        parts.append(f"digit_{rest}")
    return parts


class PromptLibrary:
    """Finds or renders prompt WAVs. ``resolve`` accepts a standard prompt name, a WAV path, or text.

    Threading: reentrant (see module docstring)."""

    def __init__(self, cache_dir: Path, resources: Path = RESOURCES) -> None:
        self.cache_dir = cache_dir
        self.resources = resources
        cache_dir.mkdir(parents=True, exist_ok=True)

    def resolve(self, prompt: str) -> Path:
        if prompt in STANDARD_PROMPTS or prompt == HOLD_MUSIC:
            return self.standard(prompt)
        if prompt.endswith(".wav"):
            path = Path(prompt)
            if not path.is_absolute():
                path = self.resources / path
            if not path.is_file():
                raise PromptError(f"prompt file {path} does not exist")
            return path
        return self.speech(prompt)

    def standard(self, name: str) -> Path:
        shipped = self.resources / f"{name}.wav"
        if shipped.is_file():
            return shipped
        cached = self.cache_dir / f"{name}.wav"
        if not cached.is_file():
            if name == "beep":
                write_tone(cached)
            elif name == HOLD_MUSIC:
                from .hold_music import write_hold_music

                write_hold_music(cached)
            else:
                self._render_atomically(STANDARD_PROMPTS[name], cached)
        return cached

    def speech(self, text: str) -> Path:
        digest = hashlib.sha1(text.encode()).hexdigest()[:20]
        shipped = self.resources / "text" / f"{digest}.wav"
        if shipped.is_file():
            return shipped
        cached = self.cache_dir / "text" / f"{digest}.wav"
        if not cached.is_file():
            self._render_atomically(text, cached)
        return cached

    def _render_atomically(self, text: str, out: Path) -> None:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=out.parent, suffix=".wav")
        os.close(fd)
        try:
            _render_speech(text, Path(tmp))
            os.replace(tmp, out)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)

    def join(self, prompts: Sequence[str], out: Path) -> float:
        """Concatenate prompts (names/paths/text) into one WAV at ``out``; returns its length in seconds.
        Recorded WAVs in another format (44.1 kHz stereo …) are converted once with sox."""
        pcm = bytearray()
        for prompt in prompts:
            pcm += self._pcm(self.resolve(prompt))
        _write_wav(out, bytes(pcm))
        return len(pcm) / 2 / SAMPLE_RATE

    def _pcm(self, path: Path) -> bytes:
        try:
            with wave.open(str(path), "rb") as w:
                if w.getframerate() == SAMPLE_RATE and w.getnchannels() == 1 and w.getsampwidth() == 2:
                    return w.readframes(w.getnframes())
        except (wave.Error, EOFError) as exc:
            logger.info("prompt %s is not plain PCM WAV (%s); converting it", path, exc)
        stat = path.stat()
        digest = hashlib.sha1(f"{path}:{stat.st_mtime_ns}:{stat.st_size}".encode()).hexdigest()[:20]
        converted = self.cache_dir / "converted" / f"{digest}.wav"
        if not converted.is_file():
            sox = shutil.which("sox")
            if sox is None:
                raise PromptError(
                    f"{path} is not {SAMPLE_RATE} Hz mono 16-bit and sox is missing to convert it"
                )
            converted.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=converted.parent, suffix=".wav")
            os.close(fd)
            try:
                subprocess.run(
                    [
                        sox,
                        str(path),
                        "-r",
                        str(SAMPLE_RATE),
                        "-c",
                        "1",
                        "-b",
                        "16",
                        "-e",
                        "signed-integer",
                        tmp,
                    ],
                    check=True,
                    timeout=60,
                    capture_output=True,
                )
                os.replace(tmp, converted)
            except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
                raise PromptError(f"cannot convert recorded prompt {path}: {exc}") from exc
            finally:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(tmp)
        with wave.open(str(converted), "rb") as w:
            return w.readframes(w.getnframes())


def position_announcement(position: int, estimated_wait_s: int | None) -> list[str]:
    """ "您前面还有 N 位在等待。预计等待 M 分钟。" as prompt names (numbers from digit prompts)."""
    parts = ["position_before", *number_prompts(max(0, min(position, 9999))), "position_after"]
    if estimated_wait_s is not None:
        minutes = (estimated_wait_s + 59) // 60
        if minutes <= 0:
            parts.append("wait_under_minute")
        else:
            spoken = number_prompts(min(minutes, 9999))
            if spoken == ["digit_2"]:
                spoken = ["two_liang"]  # 两分钟, not 二分钟
            parts += ["wait_before", *spoken, "wait_minutes"]
    return parts
