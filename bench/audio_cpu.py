"""Process CPU for one active call with its audio on the headset through PulseAudio, against the same
call on pjsua2's null device, measured in the same run.

Setup: a private PulseAudio (null sinks; see ``tests/shared/telephony/audio/pulse.py``) and a SIPp UAS
that answers and echoes RTP (``-rtp_echo``). For each mode a fresh process places one G.711 call to
SIPp (a tone into the call), connects the call to the headset the way the engine does, waits for media,
then measures its own CPU time over a window while pumping ``libHandleEvents`` every 10 ms (what the
app's Qt timer does). The PulseAudio daemon's CPU over the same window is reported separately.

Run: ``.venv/bin/python -m bench.audio_cpu [--seconds 20]``. Writes ``bench/results/audio_cpu.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results" / "audio_cpu.json"
MIC_SINK = "hd_bench_mic"  # the headset mic listens to a silent sink: no speaker→mic feedback loop
MODES = ("null_device", "pulseaudio")


def _proc_cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def child(mode: str, target: str, seconds: float, warmup: float, pulse_pid: int) -> dict[str, Any]:
    import gc

    import pjsua2 as pj

    from shared.telephony.audio import HeadsetBridge, NullHeadset

    ep = pj.Endpoint()
    ep.libCreate()
    cfg = pj.EpConfig()
    cfg.uaConfig.threadCnt = 0
    cfg.uaConfig.mainThreadOnly = True
    cfg.logConfig.level = 1
    cfg.logConfig.consoleLevel = 1
    cfg.medConfig.clockRate = 16000
    cfg.medConfig.sndClockRate = 16000
    ep.libInit(cfg)
    ep.audDevManager().setNullDev()
    tcfg = pj.TransportConfig()
    tcfg.boundAddress = "127.0.0.1"
    tcfg.port = 0
    ep.transportCreate(pj.PJSIP_TRANSPORT_UDP, tcfg)
    ep.libStart()
    for codec in ep.codecEnum2():
        ep.codecSetPriority(codec.codecId, 255 if codec.codecId.startswith("PCMU/8000") else 0)
    acc = pj.Account()
    acfg = pj.AccountConfig()
    acfg.idUri = "sip:bench@127.0.0.1"
    acc.create(acfg)
    headset: Any
    if mode == "pulseaudio":
        headset = HeadsetBridge(microphone=MIC_SINK, speaker="hd_headset")
        headset.start()
        headset.wait_started(15)
    else:
        headset = NullHeadset(ep)
    tone = pj.ToneGenerator()
    tone.createToneGenerator(16000, 1)
    desc = pj.ToneDesc()
    desc.freq1, desc.freq2, desc.on_msec, desc.off_msec, desc.volume = 440, 0, 1000, 0, 0
    descs = pj.ToneDescVector()
    descs.append(desc)
    tone.play(descs, True)
    media_up: list[Any] = []
    sources: dict[str, Any] = {"tone": tone}  # dropped before libDestroy: pjsua2 asserts otherwise
    del tone

    class BenchCall(pj.Call):
        def onCallMediaState(self, prm: Any) -> None:
            info = self.getInfo()
            for i, media in enumerate(info.media):
                if media.type == pj.PJMEDIA_TYPE_AUDIO and media.status == pj.PJSUA_CALL_MEDIA_ACTIVE:
                    audio = self.getAudioMedia(i)
                    audio.startTransmit(headset.playback_media)  # caller → ear
                    headset.capture_media.startTransmit(audio)  # mic → caller
                    sources["tone"].startTransmit(audio)
                    media_up.append(audio)

    call = BenchCall(acc)
    prm = pj.CallOpParam(True)
    call.makeCall(target, prm)
    deadline = time.monotonic() + 15
    while not media_up and time.monotonic() < deadline:
        ep.libHandleEvents(10)
    if not media_up:
        raise SystemExit(f"{mode}: the call to {target} never got media")

    def pump(duration: float) -> None:
        end = time.monotonic() + duration
        while time.monotonic() < end:
            ep.libHandleEvents(10)

    pump(warmup)
    rx_before = call.getStreamStat(0).rtcp.rxStat.pkt
    stats_before = headset.stats() if isinstance(headset, HeadsetBridge) else None
    cpu0, wall0, pulse0 = time.process_time(), time.monotonic(), _proc_cpu_s(pulse_pid)
    pump(seconds)
    cpu1, wall1, pulse1 = time.process_time(), time.monotonic(), _proc_cpu_s(pulse_pid)
    rx_packets = call.getStreamStat(0).rtcp.rxStat.pkt - rx_before
    stats = ""
    if isinstance(headset, HeadsetBridge) and stats_before is not None:
        after = headset.stats()
        stats = (
            f"during the window: speaker ring {after.speaker.underruns - stats_before.speaker.underruns} "
            f"underruns / {after.speaker.overruns - stats_before.speaker.overruns} overruns, "
            f"mic ring {after.microphone.underruns - stats_before.microphone.underruns} underruns / "
            f"{after.microphone.overruns - stats_before.microphone.overruns} overruns"
        )
    call.hangup(pj.CallOpParam(True))
    pump(0.5)
    headset.close()
    media_up.clear()
    sources.clear()
    del call
    gc.collect()
    ep.libDestroy()
    wall = wall1 - wall0
    return {
        "mode": mode,
        "cpu_pct": 100 * (cpu1 - cpu0) / wall,
        "pulse_daemon_pct": 100 * (pulse1 - pulse0) / wall,
        "rtp_rx_packets_per_s": rx_packets / wall,
        "window_s": wall,
        "headset_stats": stats,
    }


def parent(seconds: float, warmup: float) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.shared.telephony.audio.pulse import PulseServer
    from tests.shared.telephony.sip_servers import SippProcess

    pulse = PulseServer()
    sipp = SippProcess(["-sn", "uas", "-rtp_echo"])
    results: dict[str, dict[str, Any]] = {}
    try:
        pulse.start()
        with (pulse.home / ".asoundrc").open("a") as rc:
            rc.write(f'\npcm.{MIC_SINK} {{\n    type pulse\n    device "{MIC_SINK}.monitor"\n}}\n')
        pulse.pactl("load-module", "module-null-sink", f"sink_name={MIC_SINK}", "rate=16000", "channels=1")
        sipp.start()
        time.sleep(0.5)
        assert pulse.process is not None
        for mode in MODES:
            proc = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "bench.audio_cpu",
                    "--child",
                    mode,
                    "--target",
                    f"sip:service@127.0.0.1:{sipp.port}",
                    "--seconds",
                    str(seconds),
                    "--warmup",
                    str(warmup),
                    "--pulse-pid",
                    str(pulse.process.pid),
                ],
                env=pulse.env,
                cwd=Path(__file__).resolve().parents[1],
                capture_output=True,
                text=True,
                timeout=seconds + warmup + 60,
            )
            lines = [x for x in proc.stdout.splitlines() if x.startswith("RESULT ")]
            if proc.returncode != 0 or not lines:
                raise SystemExit(f"{mode} run failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")
            results[mode] = json.loads(lines[-1][len("RESULT ") :])
    finally:
        sipp.stop()
        pulse.stop()
    null, pulse_run = results["null_device"], results["pulseaudio"]
    print(f"one active G.711 call, 16 kHz bridge, {seconds:.0f} s windows, process CPU % of one core:")
    for run in (null, pulse_run):
        print(
            f"  {run['mode']:12s} {run['cpu_pct']:6.2f} %   "
            f"(PulseAudio daemon {run['pulse_daemon_pct']:5.2f} %, "
            f"RTP in {run['rtp_rx_packets_per_s']:.0f} pkt/s)"
        )
    extra = pulse_run["cpu_pct"] - null["cpu_pct"]
    print(f"  headset bridge on PulseAudio costs {extra:+.2f} % of a core over the null device")
    if pulse_run["headset_stats"]:
        print(f"  {pulse_run['headset_stats']}")
    rows = [
        {
            "name": "cpu_one_call_null_device",
            "value": round(null["cpu_pct"], 2),
            "unit": "%",
            "baseline": True,
        },
        {"name": "cpu_one_call_pulseaudio_headset", "value": round(pulse_run["cpu_pct"], 2), "unit": "%"},
        {"name": "cpu_headset_bridge_extra", "value": round(extra, 2), "unit": "%"},
        {
            "name": "cpu_pulseaudio_daemon_during_call",
            "value": round(pulse_run["pulse_daemon_pct"], 2),
            "unit": "%",
        },
    ]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(rows, indent=1) + "\n")
    print(f"wrote {RESULTS}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="measuring window per mode (default 20)")
    parser.add_argument("--warmup", type=float, default=3.0)
    parser.add_argument("--child", choices=MODES, help=argparse.SUPPRESS)
    parser.add_argument("--target", help=argparse.SUPPRESS)
    parser.add_argument("--pulse-pid", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        result = child(args.child, args.target, args.seconds, args.warmup, args.pulse_pid)
        print("RESULT " + json.dumps(result), flush=True)
    else:
        parent(args.seconds, args.warmup)


if __name__ == "__main__":
    main()
