"""Audio scenarios run in a subprocess by the tests (one pjsua2 Endpoint per process; PortAudio must
see the private PulseAudio's environment before ``sounddevice`` is imported).

Usage, from the repository root:
``python -m tests.shared.telephony.audio.audio_scenarios <scenario> [args]``; prints one ``RESULT {json}``
line.
Every wait is bounded; a scenario that cannot reach its condition reports what it saw instead.
"""

from __future__ import annotations

import ctypes
import json
import math
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pjsua2 as pj

from shared.telephony.audio import (
    AudioDeviceEvent,
    HeadsetBridge,
    LevelReading,
    NullHeadset,
    Sound,
    SupervisionTiming,
    TonePlayer,
    devices,
    sound_path,
)
from shared.telephony.audio.frame_access import vector_data_address

RATE = 16000
FRAME = RATE // 50
TONE_HZ = 1000.0
SPEAKER = "hd_headset"
MIC = "hd_headset_mic"
SINK = "hd_null"
T0 = time.monotonic()


def now() -> float:
    return round(time.monotonic() - T0, 3)


def tone_dbfs(samples: np.ndarray, freq: float, rate: int) -> float:
    n = samples.size
    if n == 0:
        return -120.0
    t = np.arange(n) / rate
    x = samples.astype(np.float64)
    re, im = np.dot(x, np.cos(2 * np.pi * freq * t)), np.dot(x, np.sin(2 * np.pi * freq * t))
    amplitude = 2 * math.hypot(re, im) / n
    return 20 * math.log10(amplitude / 32768) if amplitude > 0 else -120.0


class ToneMeter(pj.AudioMediaPort):
    """Stands in for the remote caller: measures how loud TONE_HZ is in what the bridge sends it."""

    def __init__(self) -> None:
        super().__init__()
        self.readings: list[tuple[float, float]] = []
        self.frames = 0
        self.active = True

    def onFrameReceived(self, frame: Any) -> None:
        # The bridge's clock thread may still deliver a frame while the rig tears down; by then the
        # Python side can be half gone (seen once in CI), so check a flag that reads False by default.
        if not getattr(self, "active", False):
            return
        self.frames += 1
        if frame.type != pj.PJMEDIA_FRAME_TYPE_AUDIO or frame.buf.size() == 0:
            self.readings.append((time.monotonic() - T0, -120.0))
            return
        raw = ctypes.string_at(vector_data_address(frame.buf), frame.buf.size())
        self.readings.append((time.monotonic() - T0, tone_dbfs(np.frombuffer(raw, np.int16), TONE_HZ, RATE)))

    def onFrameRequested(self, frame: Any) -> None:
        frame.type = pj.PJMEDIA_FRAME_TYPE_NONE

    def window(self, start: float, end: float) -> list[float]:
        return [v for t, v in list(self.readings) if start <= t < end]


class Rig:
    """A pjsua2 endpoint on the null device, a tone 'caller' and a meter 'caller'."""

    def __init__(self) -> None:
        self.ep = pj.Endpoint()
        self.ep.libCreate()
        cfg = pj.EpConfig()
        cfg.uaConfig.threadCnt = 0
        cfg.uaConfig.mainThreadOnly = True
        cfg.logConfig.level = 1
        cfg.logConfig.consoleLevel = 1
        cfg.medConfig.clockRate = RATE
        cfg.medConfig.sndClockRate = RATE
        self.ep.libInit(cfg)
        self.ep.audDevManager().setNullDev()
        self.ep.libStart()
        fmt = pj.MediaFormatAudio()
        fmt.init(pj.PJMEDIA_FORMAT_PCM, RATE, 1, 20000, 16)
        self.meter = ToneMeter()
        self.meter.createPort("meter", fmt)
        self.tone = pj.ToneGenerator()
        self.tone.createToneGenerator(RATE, 1)
        desc = pj.ToneDesc()
        desc.freq1, desc.freq2, desc.on_msec, desc.off_msec, desc.volume = int(TONE_HZ), 0, 1000, 0, 0
        descs = pj.ToneDescVector()
        descs.append(desc)
        self.tone.play(descs, True)
        self.events: list[dict[str, Any]] = []
        self.levels: list[LevelReading] = []

    def on_event(self, event: AudioDeviceEvent) -> None:
        self.events.append(
            {
                "t": now(),
                "kind": str(event.kind),
                "role": str(event.role),
                "using": event.using,
                "message": event.message,
            }
        )

    def on_level(self, reading: LevelReading) -> None:
        self.levels.append(reading)

    def headset(self, **kwargs: Any) -> HeadsetBridge:
        return HeadsetBridge(on_event=self.on_event, on_level=self.on_level, sample_rate=RATE, **kwargs)

    def wire(self, headset: Any, tone: bool = True) -> None:
        """What the engine does for one call: call → ear, mic → call."""
        if tone:
            self.tone.startTransmit(headset.playback_media)
        headset.capture_media.startTransmit(self.meter)

    def pump_until(self, condition: Callable[[], bool], timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return True
            self.ep.libHandleEvents(20)
        return condition()

    def pump(self, seconds: float) -> None:
        self.pump_until(lambda: False, seconds)

    def tone_heard(self, since: float, frames: int = 10, threshold: float = -40.0) -> bool:
        recent = [v for t, v in list(self.meter.readings) if t >= since]
        run = 0
        for v in recent:
            run = run + 1 if v > threshold else 0
            if run >= frames:
                return True
        return False

    def events_of(self, kind: str) -> set[str]:
        return {e["role"] for e in self.events if e["kind"] == kind}

    def destroy(self, *objects: Any) -> None:
        for obj in objects:
            close = getattr(obj, "close", None)
            if close is not None:
                close()
        del objects
        if self.meter is not None:
            self.meter.active = False
        self.meter = None  # type: ignore[assignment]
        self.tone = None  # type: ignore[assignment]
        import gc

        gc.collect()
        self.ep.libDestroy()


def median(values: list[float]) -> float | None:
    return float(np.median(values)) if values else None


def levels_between(levels: list[LevelReading], start: float, end: float) -> list[float]:
    return [r.rms_dbfs for r in levels if start <= r.at - T0 < end]


def pactl(*args: str) -> str:
    return subprocess.run(["pactl", *args], capture_output=True, text=True, timeout=10, check=True).stdout


# ---------------------------------------------------------------------------------------------- scenarios


def scenario_loopback() -> dict[str, Any]:
    rig = Rig()
    headset = rig.headset(microphone=MIC, speaker=SPEAKER)
    rig.wire(headset, tone=False)
    headset.start()
    started = headset.wait_started(10)
    flowing = rig.pump_until(lambda: headset.stats().microphone.frames_in > 25, 15)
    quiet_from = now()
    rig.pump(1.5)
    quiet_to = now()
    rig.tone.startTransmit(headset.playback_media)
    heard = rig.pump_until(lambda: rig.tone_heard(quiet_to), 10)
    tone_from = now()
    rig.pump(1.5)
    tone_to = now()
    status = headset.status()
    result = {
        "started": started,
        "flowing": flowing,
        "heard": heard,
        "fast_path": headset.uses_fast_frame_path,
        "meter_quiet_dbfs": median(rig.meter.window(quiet_from, quiet_to)),
        "meter_tone_dbfs": median(rig.meter.window(tone_from, tone_to)),
        "level_quiet_dbfs": median(levels_between(rig.levels, quiet_from, quiet_to)),
        "level_tone_dbfs": median(levels_between(rig.levels, tone_from, tone_to)),
        "mic": [str(status[0].state), status[0].active],
        "speaker": [str(status[1].state), status[1].active],
        "events": rig.events,
        "stats": repr(headset.stats()),
    }
    rig.tone.stopTransmit(headset.playback_media)
    rig.destroy(headset)
    return result


def scenario_missing_device() -> dict[str, Any]:
    rig = Rig()
    headset = rig.headset(
        microphone="Jabra Evolve 40 (not plugged in)", speaker="Jabra Evolve 40 (not plugged in)"
    )
    rig.wire(headset)
    headset.start()
    headset.wait_started(15)
    heard = rig.pump_until(lambda: rig.tone_heard(0.0), 15)
    status = headset.status()
    result: dict[str, Any] = {
        "heard": heard,
        "events": list(rig.events),
        "mic": [str(status[0].state), status[0].active, status[0].requested],
        "speaker": [str(status[1].state), status[1].active, status[1].requested],
    }
    # the user now picks the real devices from the list
    names = [d.name for d in headset.list_devices()]
    headset.select_microphone(MIC)
    headset.select_speaker(SPEAKER)
    switched = rig.pump_until(
        lambda: (
            [(s.state, s.active) for s in headset.status()] == [("preferred", MIC), ("preferred", SPEAKER)]
        ),
        15,
    )
    switched_at = now()
    result.update(
        listed=names,
        switched=switched,
        heard_after_switch=rig.pump_until(lambda: rig.tone_heard(switched_at), 15),
        events_after_switch=len(rig.events) - len(result["events"]),
    )
    rig.tone.stopTransmit(headset.playback_media)
    rig.destroy(headset)
    return result


def scenario_device_loss() -> dict[str, Any]:
    rig = Rig()
    timing = SupervisionTiming(stall_timeout_s=1.0, restore_poll_s=1.0, rescan_min_interval_s=2.0)
    headset = rig.headset(microphone=MIC, speaker=SPEAKER, timing=timing)
    rig.wire(headset)
    headset.start()
    # a call is ringing in on the same device while the headset is unplugged
    ringer = TonePlayer(sound_path(Sound.CALL_WAITING), device=SPEAKER, on_event=rig.on_event, timing=timing)
    ringer.start()
    heard_before = rig.pump_until(lambda: rig.tone_heard(0.0), 15)
    ringing_before = rig.pump_until(lambda: ringer.playing, 10)
    module = next(
        line.split("\t")[0] for line in pactl("list", "short", "modules").splitlines() if SINK in line
    )
    unplugged_at = now()
    pactl("unload-module", module)
    everyone = {"microphone", "speaker", "ringer"}
    lost = rig.pump_until(lambda: rig.events_of("device_lost") >= everyone, 15)
    frames_at_loss = rig.meter.frames
    rig.pump(1.0)
    frames_during_outage = rig.meter.frames - frames_at_loss
    outage_quiet = median(rig.meter.window(now() - 0.8, now()))
    states_during = [str(s.state) for s in headset.status()]
    replugged_at = now()
    pactl("load-module", "module-null-sink", f"sink_name={SINK}", f"rate={RATE}", "channels=1")
    pactl("set-default-source", f"{SINK}.monitor")
    restored = rig.pump_until(lambda: rig.events_of("device_restored") >= everyone, 25)
    restored_at = now()
    heard_after = rig.pump_until(lambda: rig.tone_heard(restored_at), 15)
    result = {
        "heard_before": heard_before,
        "lost": lost,
        "frames_during_outage": frames_during_outage,
        "outage_meter_dbfs": outage_quiet,
        "states_during": states_during,
        "restored": restored,
        "heard_after": heard_after,
        "unplugged_at": unplugged_at,
        "replugged_at": replugged_at,
        "restored_at": restored_at,
        "states_after": [str(s.state) for s in headset.status()],
        "ringing_before": ringing_before,
        "ringer_after": [str(ringer.status().state), ringer.status().active],
        "events": rig.events,
    }
    rig.tone.stopTransmit(headset.playback_media)
    rig.destroy(headset, ringer)
    return result


def scenario_null_headset() -> dict[str, Any]:
    rig = Rig()
    headset = NullHeadset(rig.ep)
    rig.wire(headset)
    rig.pump_until(lambda: rig.meter.frames > 50, 10)
    result = {
        "meter_frames": rig.meter.frames,
        "meter_dbfs": median(rig.meter.window(0.0, now())),
        "same_port": headset.capture_media.getPortId() == headset.playback_media.getPortId(),
    }
    rig.tone.stopTransmit(headset.playback_media)
    rig.destroy(headset)
    return result


def scenario_no_sound_server() -> dict[str, Any]:
    rig = Rig()
    headset = rig.headset(microphone=None, speaker=None)
    rig.wire(headset)
    headset.start()
    started = headset.wait_started(15)
    frames_before = rig.meter.frames
    rig.pump_until(lambda: rig.meter.frames - frames_before > 50, 10)
    result = {
        "started": started,
        "meter_frames": rig.meter.frames - frames_before,
        "events": rig.events,
        "states": [str(s.state) for s in headset.status()],
    }
    rig.tone.stopTransmit(headset.playback_media)
    rig.destroy(headset)
    return result


def scenario_tone_player() -> dict[str, Any]:
    import sounddevice as sd

    readings: list[tuple[float, float]] = []

    def on_audio(indata: Any, frames: int, _t: Any, _s: Any) -> None:
        readings.append((now(), tone_dbfs(np.frombuffer(indata, np.int16), 450.0, RATE)))

    def heard(since: float, until: float = 1e9, run_frames: int = 5) -> bool:
        run = 0
        for t, v in list(readings):
            if since <= t < until:
                run = run + 1 if v > -45 else 0
                if run >= run_frames:
                    return True
        return False

    def wait(condition: Callable[[], bool], timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not condition():
            time.sleep(0.05)
        return condition()

    events: list[dict[str, Any]] = []

    def on_event(event: AudioDeviceEvent) -> None:
        events.append({"kind": str(event.kind), "role": str(event.role), "using": event.using})

    class RescanSafeCapture:
        """The test's own ear on the sink's monitor; follows the rescan protocol like every stream
        owner in a process must (a PortAudio re-enumeration closes every stream)."""

        def __init__(self) -> None:
            self.stream: Any = None
            devices.register_owner(self)
            self.resume_after_rescan()

        def suspend_for_rescan(self) -> None:
            self.stream.close()

        def resume_after_rescan(self) -> None:
            self.stream = sd.RawInputStream(
                samplerate=RATE, blocksize=FRAME, channels=1, dtype="int16", device=MIC, callback=on_audio
            )
            self.stream.start()

        def close(self) -> None:
            devices.unregister_owner(self)
            self.stream.close()

    capture = RescanSafeCapture()
    wait(lambda: len(readings) > 10, 15)
    ringer = TonePlayer(sound_path(Sound.RING), device=SPEAKER, on_event=on_event)
    call_start = time.monotonic()
    ringer.start()
    start_returned_s = time.monotonic() - call_start
    started_at = now()
    ring_heard = wait(lambda: heard(started_at), 15)
    ringer.stop()
    stopped_at = now()
    wait(lambda: not ringer.playing, 5)
    time.sleep(0.6)  # let what was queued in the sink drain before listening for silence
    quiet_from = now()
    time.sleep(1.0)
    quiet_after_stop = not heard(quiet_from, now(), 3)
    ringer.close()

    waiting = TonePlayer(sound_path(Sound.CALL_WAITING), device="No Such Ringer", on_event=on_event)
    waiting_started = now()
    waiting.start()
    waiting_heard = wait(lambda: heard(waiting_started, run_frames=3), 15)
    waiting.close()
    capture.close()
    return {
        "ring_heard": ring_heard,
        "start_returned_s": start_returned_s,
        "stopped_at": stopped_at,
        "quiet_after_stop": quiet_after_stop,
        "waiting_heard": waiting_heard,
        "events": events,
    }


def scenario_engine_call(target: str) -> dict[str, Any]:
    """The real contract: ``SoftphoneEngine.set_headset(HeadsetBridge)``, one call to an RTP echo.
    The engine sends a tone into the call; the echo comes back, the engine routes the call to the
    headset's speaker, PulseAudio loops it to the microphone, where the level meter hears it."""
    from shared.telephony.config import EngineConfig
    from shared.telephony.engine import SoftphoneEngine

    engine = SoftphoneEngine()
    engine.start(EngineConfig())
    levels: list[LevelReading] = []
    events: list[AudioDeviceEvent] = []
    headset = HeadsetBridge(microphone=MIC, speaker=SPEAKER, on_level=levels.append, on_event=events.append)
    engine.set_headset(headset)
    headset.start()
    tone = engine.create_tone(TONE_HZ)
    call = engine.dial(target)
    engine.connect(tone, engine.call_media(call))

    def pump_until(condition: Callable[[], bool], timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not condition():
            engine.pump(10)
        return condition()

    connected = pump_until(lambda: str(engine.call_snapshot(call).state) == "connected", 15)
    since = time.monotonic()
    heard = pump_until(lambda: sum(1 for r in list(levels) if r.at > since and r.rms_dbfs > -30) >= 10, 15)
    engine.hangup(call)
    pump_until(lambda: not engine.calls(), 5)
    engine.shutdown()  # also closes the headset (its bridge port must go before libDestroy)
    return {
        "connected": connected,
        "heard": heard,
        "events": [e.message for e in events],
        "closed": not headset.status()[0].active,
    }


SCENARIOS: dict[str, Callable[..., dict[str, Any]]] = {
    "loopback": scenario_loopback,
    "missing_device": scenario_missing_device,
    "device_loss": scenario_device_loss,
    "null_headset": scenario_null_headset,
    "no_sound_server": scenario_no_sound_server,
    "tone_player": scenario_tone_player,
    "engine_call": scenario_engine_call,
}


def main() -> None:
    import logging

    logging.basicConfig(
        level=logging.INFO, stream=sys.stderr, format="%(relativeCreated)7.0f %(name)s %(message)s"
    )
    name = sys.argv[1]
    if name not in SCENARIOS:
        raise SystemExit(f"unknown scenario {name!r}; choose from {sorted(SCENARIOS)}")
    result = SCENARIOS[name](*sys.argv[2:])
    print("RESULT " + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
