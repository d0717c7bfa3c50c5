#!/usr/bin/env bash
# make-sample-media.sh: regenerate every shipped SAMPLE media asset and the media test fixtures.
#
# Writes (and overwrites):
#   public/media/bsl/notice-sample.{webm,mp4,jpg,en-GB.vtt,en-GB.txt}
#   public/media/manifest.json
#   test/fixtures/media/{manifest.json,bsl/*,audio/notice.en-GB.ogg,audio/tone.ogg}
#   public/icons/{icon.svg,icon-192.png,icon-512.png,maskable-512.png,apple-touch-icon-180.png}
#   public/favicon.svg
#
# Why this exists: we do not have a real British Sign Language clip. A force supplies one,
# recorded with a qualified Deaf presenter. Until then the app ships ONE abstract placeholder
# clip, and it must never be mistaken for a real BSL translation, so:
#   * the "presenter" is a faceless silhouette and the "hands" are two soft circles tracing the
#     same slow, mirrored loop for the whole clip: there is no handshape, no facial expression and
#     nothing that varies with the sentence being captioned;
#   * every frame carries the banner "Sample clip — not BSL" (burnt in, so it survives any player).
# The clip is shown to people who may have photosensitive epilepsy, so nothing flashes: the
# background, silhouette and banner are one static picture, and the only motion is the hands
# moving at 0.25 Hz (one loop every 4 s, at most ~65 px/s), covering about 2% of the frame.
#
# Requirements (Debian): ffmpeg (with libvpx, libx264, libopus, libfreetype), espeak-ng,
# librsvg2-bin (rsvg-convert), fonts-dejavu-core.
#
# Idempotent: everything is rebuilt from the constants below into a temporary directory and then
# copied into place; re-running overwrites the same files. Encoders run single-threaded with
# bitexact muxing so a re-run on the same toolchain gives byte-identical output (no spurious diffs).
#
# Usage: scripts/make-sample-media.sh   (from anywhere; paths are relative to the repo root)

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

for tool in ffmpeg ffprobe espeak-ng rsvg-convert; do
  command -v "$tool" >/dev/null || {
    echo "make-sample-media: '$tool' is required (apt-get install ffmpeg espeak-ng librsvg2-bin)" >&2
    exit 1
  }
done

FONT_BOLD=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
[[ -f "$FONT_BOLD" ]] || { echo "make-sample-media: $FONT_BOLD missing (apt-get install fonts-dejavu-core)" >&2; exit 1; }

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# Quiet, overwrite, no interaction, and no encoder/version strings or timestamps in the outputs.
FF=(ffmpeg -hide_banner -loglevel error -nostdin -y)
BITEXACT=(-fflags +bitexact -map_metadata -1 -map_chapters -1)

# --------------------------------------------------------------------------------------------
# The notice. These four sentences are the plain notice in locales/en-GB/notice.json
# (plain.camera, plain.recording, plain.evidence, plain.ask); keep them identical.
# --------------------------------------------------------------------------------------------
SENTENCES=(
  "This is a police body-worn camera."
  "It is recording video and sound."
  "The recording may be used as evidence."
  "You can ask the officer about it and how to get a copy."
)
# Cue boundaries in seconds: cue i runs CUE_TIMES[i] --> CUE_TIMES[i+1]. The first cue starts at
# 0.5 s so captions appear early; cues are back to back so the caption area never blinks empty.
# Every boundary is a multiple of 0.25 s = 6 frames at 24 fps, so the burnt-in part number
# changes on exactly the frame the caption changes. Lengths roughly follow sentence length
# (2.2-2.5 words a second, comfortably readable).
CUE_TIMES=(0.5 3.75 7.0 10.75 15.5)
DURATION=16   # seconds; also written to the manifest as durationS
FPS=24        # 24 fps or lower keeps the file small; motion is slow so 24 is plenty
W=640
H=360
FRAMES=$((DURATION * FPS))

# Fail early if the sentences drift from the locale file (only if node is available).
if command -v node >/dev/null && [[ -f locales/en-GB/notice.json ]]; then
  node -e '
    const p = require(process.argv[1]).plain;
    const want = [p.camera, p.recording, p.evidence, p.ask];
    const got = process.argv.slice(2);
    if (JSON.stringify(want) !== JSON.stringify(got)) {
      console.error("make-sample-media: sentences differ from locales/en-GB/notice.json plain.*");
      process.exit(1);
    }' "$ROOT/locales/en-GB/notice.json" "${SENTENCES[@]}"
fi

# Palette. Calm, mid-light neutral background; slate silhouette; warm off-white hands (high
# contrast against the body they move over); banner in the app's navy with white text.
BG=(214 220 228)     # #d6dce4
BODY=(74 90 114)     # #4a5a72
HAND=(243 238 230)   # #f3eee6
NAVY=0x1d2a44
MUTED_RED=0xc0392b   # never saturated pure red
BANNER_H=56

# ============================================================================================
# 1. The sample "sign" clip
# ============================================================================================

# 1a. Static stage: background + faceless head-and-shoulders silhouette, drawn once with geq as
# signed-distance shapes (1 px antialiased edge). Head: circle. Neck and shoulders: rounded boxes.
# The stage is rendered once and looped, so the background can never flicker.
sdf_box() { # cx cy half_w half_h radius slot -> geq snippet storing coverage in st(slot)
  local cx=$1 cy=$2 hw=$3 hh=$4 r=$5 s=$6
  local qx=$((hw - r)) qy=$((hh - r))
  printf 'st(8,abs(X-%s)-%s);st(9,abs(Y-%s)-%s);st(%s,clip(0.5-(hypot(max(ld(8),0),max(ld(9),0))+min(max(ld(8),ld(9)),0)-%s),0,1));' \
    "$cx" "$qx" "$cy" "$qy" "$s" "$r"
}
COVER="st(0,clip(54.5-hypot(X-320,Y-158),0,1));"  # head: r=54 at (320,158)
COVER+="$(sdf_box 320 222 30 40 12 1)"            # neck
COVER+="$(sdf_box 320 400 180 150 90 2)"          # shoulders/torso, top edge at y=250
COVER+="st(3,max(ld(0),max(ld(1),ld(2))));"
chan() { echo "${COVER}$1+($2-$1)*ld(3)"; }

# Banner text, from files so the em dash and spacing need no filtergraph escaping.
printf '%s' 'Sample clip — not BSL' >"$TMP/banner.txt"

"${FF[@]}" -f lavfi -i "color=c=black:s=${W}x${H}:d=1,format=gbrp" -frames:v 1 \
  -vf "geq=r='$(chan "${BG[0]}" "${BODY[0]}")':g='$(chan "${BG[1]}" "${BODY[1]}")':b='$(chan "${BG[2]}" "${BODY[2]}")',
       format=rgb24,
       drawbox=x=0:y=0:w=iw:h=${BANNER_H}:color=${NAVY}:t=fill,
       drawbox=x=0:y=${BANNER_H}:w=iw:h=4:color=${MUTED_RED}:t=fill,
       drawtext=fontfile=${FONT_BOLD}:textfile=$TMP/banner.txt:expansion=none:fontsize=30:fontcolor=white:x=(w-tw)/2:y=(${BANNER_H}-th)/2" \
  "$TMP/stage.png"

# 1b. One "hand": a soft off-white disc (r≈27 px, 3 px feathered edge, faint shading), RGBA.
"${FF[@]}" -f lavfi -i "color=c=black@0:s=64x64:d=1,format=rgba" -frames:v 1 \
  -vf "geq=r='${HAND[0]}-18*pow(hypot(X-31.5,Y-31.5)/27,2)':g='${HAND[1]}-18*pow(hypot(X-31.5,Y-31.5)/27,2)':b='${HAND[2]}-18*pow(hypot(X-31.5,Y-31.5)/27,2)':a='255*clip((27-hypot(X-31.5,Y-31.5))/3,0,1)'" \
  "$TMP/hand.png"

# 1c. Part number "k/4" for the caption on screen: k = 1 + number of later cue starts already
# passed (before the first cue it shows 1/4, after the last it stays 4/4). Built from CUE_TIMES.
N=${#SENTENCES[@]}
PART_EXPR="1"
for ((i = 1; i < N; i++)); do PART_EXPR+="+gte(t,${CUE_TIMES[i]})"; done
printf '%%{eif:%s:d}/%s' "$PART_EXPR" "$N" >"$TMP/part.txt"

# 1d. Compose: looped stage + two hands on mirrored circles (period 4 s = 0.25 Hz, radius
# 40x22 px, centred over the chest so they stay in front of the body), then the part number in
# the top-right corner under the banner. Converted to yuv420p with BT.709 limited range, tagged
# to match, and stored as a lossless intermediate so WebM, MP4 and poster share identical frames.
HX='40*cos(2*PI*t/4)'
HY='22*sin(2*PI*t/4)'
"${FF[@]}" -loop 1 -framerate "$FPS" -i "$TMP/stage.png" -loop 1 -framerate "$FPS" -i "$TMP/hand.png" \
  -filter_complex "
    [1:v]split[h1][h2];
    [0:v][h1]overlay=x='245-32+${HX}':y='295-32+${HY}':eval=frame[a];
    [a][h2]overlay=x='395-32-${HX}':y='295-32+${HY}':eval=frame[b];
    [b]drawtext=fontfile=${FONT_BOLD}:textfile=$TMP/part.txt:fontsize=20:fontcolor=white:box=1:boxcolor=${NAVY}@0.9:boxborderw=8:x=w-tw-20:y=${BANNER_H}+20,
       scale=out_color_matrix=bt709:out_range=tv,format=yuv420p[v]" \
  -map '[v]' -frames:v "$FRAMES" -c:v ffv1 -color_range tv -colorspace bt709 -color_primaries bt709 -color_trc bt709 \
  "$TMP/master.mkv"

COLOUR_TAGS=(-color_range tv -colorspace bt709 -color_primaries bt709 -color_trc bt709)
BSL_DIR=public/media/bsl
mkdir -p "$BSL_DIR"

# 1e. WebM: VP9 constant quality, no audio track, keyframe every 2 s for quick seeking/replay.
"${FF[@]}" -i "$TMP/master.mkv" -an -c:v libvpx-vp9 -b:v 0 -crf 36 -deadline good -cpu-used 1 \
  -row-mt 0 -threads 1 -g $((FPS * 2)) -pix_fmt yuv420p "${COLOUR_TAGS[@]}" \
  "${BITEXACT[@]}" -flags:v +bitexact "$BSL_DIR/notice-sample.webm"

# 1f. MP4: H.264 Main (plays on every browser/iOS), yuv420p, moov atom first (+faststart) so
# playback starts before the whole file arrives, no audio track.
"${FF[@]}" -i "$TMP/master.mkv" -an -c:v libx264 -profile:v main -level:v 3.0 -preset slow \
  -tune animation -crf 24 -threads 1 -g $((FPS * 2)) -keyint_min "$FPS" -pix_fmt yuv420p \
  "${COLOUR_TAGS[@]}" -movflags +faststart "${BITEXACT[@]}" -flags:v +bitexact \
  "$BSL_DIR/notice-sample.mp4"

# 1g. Poster: the frame at 2 s (banner, silhouette, "1/4"), converted to full-range BT.601 as
# JPEG expects.
"${FF[@]}" -ss 2 -i "$TMP/master.mkv" -frames:v 1 \
  -vf "scale=in_color_matrix=bt709:in_range=tv:out_color_matrix=bt601:out_range=pc,format=yuvj420p" \
  -q:v 5 "${BITEXACT[@]}" -flags:v +bitexact "$BSL_DIR/notice-sample.jpg"

# ============================================================================================
# 2-3. Captions and transcript (generated from the same SENTENCES/CUE_TIMES as the video)
# ============================================================================================
vtt_time() { # seconds -> mm:ss.ttt
  awk -v s="$1" 'BEGIN { ms = int(s * 1000 + 0.5); printf "%02d:%02d.%03d", int(ms / 60000), int(ms / 1000) % 60, ms % 1000 }'
}
{
  printf 'WEBVTT\n\n'
  printf 'NOTE\nCaptions for the SAMPLE placeholder clip. The clip is not British Sign Language.\n\n'
  for ((i = 0; i < N; i++)); do
    printf '%d\n%s --> %s\n%s\n' "$((i + 1))" "$(vtt_time "${CUE_TIMES[i]}")" "$(vtt_time "${CUE_TIMES[i + 1]}")" "${SENTENCES[i]}"
    ((i + 1 < N)) && printf '\n'
  done
} >"$BSL_DIR/notice-sample.en-GB.vtt"

{
  printf '%s\n\n' 'Sample clip — not British Sign Language. Transcript of the intended notice:'
  printf '%s\n' "${SENTENCES[@]}"
} >"$BSL_DIR/notice-sample.en-GB.txt"

# ============================================================================================
# 4. Media manifest. URLs are relative to the manifest's own URL. "audio" maps a language tag
# to a recorded spoken clip supplied by a force; none is shipped in public/.
# ============================================================================================
sign_entry() {
  cat <<JSON
    "bfi": {
      "label": "British Sign Language",
      "sample": true,
      "sources": [
        { "src": "bsl/notice-sample.webm", "type": "video/webm" },
        { "src": "bsl/notice-sample.mp4", "type": "video/mp4" }
      ],
      "poster": "bsl/notice-sample.jpg",
      "durationS": ${DURATION},
      "captions": [{ "lang": "en-GB", "label": "English", "src": "bsl/notice-sample.en-GB.vtt" }],
      "transcripts": [{ "lang": "en-GB", "src": "bsl/notice-sample.en-GB.txt" }]
    }
JSON
}
{
  printf '{\n  "version": 1,\n  "sign": {\n'
  sign_entry
  printf '  },\n  "audio": {}\n}\n'
} >public/media/manifest.json

# ============================================================================================
# 5. Test fixtures: same layout as public/media, plus a spoken en-GB clip and a short tone.
# ============================================================================================
FIX=test/fixtures/media
mkdir -p "$FIX/bsl" "$FIX/audio"
cp "$BSL_DIR"/notice-sample.{webm,mp4,jpg,en-GB.vtt,en-GB.txt} "$FIX/bsl/"

# Synthetic speech (espeak-ng, British English voice) of the four sentences -> Ogg Opus mono
# 24 kbps. Opus only runs at 8/12/16/24/48 kHz, so resample espeak's 22.05 kHz to 48 kHz.
espeak-ng -v en-gb -s 150 -w "$TMP/notice.wav" "${SENTENCES[*]}"
"${FF[@]}" -i "$TMP/notice.wav" -vn -ac 1 -ar 48000 -c:a libopus -b:a 24k -application voip \
  "${BITEXACT[@]}" -flags:a +bitexact "$FIX/audio/notice.en-GB.ogg"

# One second of 440 Hz at -12 dBFS with 20/50 ms fades so it starts and stops without a click.
"${FF[@]}" -f lavfi -i "sine=frequency=440:sample_rate=48000:duration=1" \
  -af "volume=-12dB,afade=t=in:d=0.02,afade=t=out:st=0.95:d=0.05" -ac 1 -c:a libopus -b:a 24k \
  "${BITEXACT[@]}" -flags:a +bitexact "$FIX/audio/tone.ogg"

{
  printf '{\n  "version": 1,\n  "sign": {\n'
  sign_entry
  cat <<'JSON'
  },
  "audio": {
    "en-GB": { "src": "audio/notice.en-GB.ogg", "type": "audio/ogg", "sample": true }
  }
}
JSON
} >"$FIX/manifest.json"

# ============================================================================================
# 6. PWA icons. icon.svg is authored here (this heredoc is the source; edit it here, not the
# output) and every PNG is rendered from it with rsvg-convert. A navy rounded square holding a
# white speech bubble with a muted-red "recording" dot-in-ring: the white shape and the filled
# navy tile read on both light and dark backgrounds.
# ============================================================================================
ICONS=public/icons
mkdir -p "$ICONS"
cat >"$ICONS/icon.svg" <<'SVG'
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512">
  <title>Forewarn</title>
  <rect width="512" height="512" rx="112" fill="#1d2a44"/>
  <!-- speech bubble: disc plus a tail to the lower left -->
  <g fill="#ffffff">
    <circle cx="268" cy="238" r="150"/>
    <path d="M170 338 L104 430 L238 376 Z"/>
  </g>
  <!-- "recording" symbol: muted red dot inside a muted red ring -->
  <circle cx="268" cy="238" r="92" fill="none" stroke="#c0392b" stroke-width="24"/>
  <circle cx="268" cy="238" r="50" fill="#c0392b"/>
</svg>
SVG
cp "$ICONS/icon.svg" public/favicon.svg

# "any" purpose icons: the rounded tile on transparency.
rsvg-convert -w 192 -h 192 "$ICONS/icon.svg" -o "$ICONS/icon-192.png"
rsvg-convert -w 512 -h 512 "$ICONS/icon.svg" -o "$ICONS/icon-512.png"
# Maskable: solid full-bleed navy; the mark is scaled to 80% so the bubble sits well inside the
# central safe-zone circle (radius 40% of the icon) whatever mask the platform applies. The tile's
# rounded corners are navy on navy, so they vanish.
rsvg-convert -w 410 -h 410 --page-width 512 --page-height 512 --left 51 --top 51 \
  -b '#1d2a44' "$ICONS/icon.svg" -o "$ICONS/maskable-512.png"
# Apple touch icon: iOS rounds the corners itself and shows transparency as black, so it is
# opaque and full-bleed too.
rsvg-convert -w 156 -h 156 --page-width 180 --page-height 180 --left 12 --top 12 \
  -b '#1d2a44' "$ICONS/icon.svg" -o "$ICONS/apple-touch-icon-180.png"

# ============================================================================================
# Checks: both videos decode end to end, durations are right, and sizes are within budget.
# ============================================================================================
fail() { echo "make-sample-media: $*" >&2; exit 1; }
size() { stat -c %s "$1"; }
for f in "$BSL_DIR/notice-sample.webm" "$BSL_DIR/notice-sample.mp4"; do
  ffmpeg -hide_banner -loglevel error -nostdin -xerror -i "$f" -f null - || fail "$f does not decode"
  d=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$f")
  awk -v d="$d" -v want="$DURATION" 'BEGIN { exit !(d > want - 0.1 && d < want + 0.1) }' ||
    fail "$f lasts ${d}s, expected ${DURATION}s"
  (($(size "$f") < 400000)) || fail "$f is over 400 KB"
done
(($(size "$BSL_DIR/notice-sample.jpg") < 40000)) || fail "poster is over 40 KB"
fix_total=$(du -cb "$FIX" | tail -1 | cut -f1)
((fix_total < 1500000)) || fail "fixtures total ${fix_total} bytes, over 1.5 MB"

echo "make-sample-media: done"
ls -l "$BSL_DIR" public/media/manifest.json "$FIX" "$FIX/bsl" "$FIX/audio" "$ICONS" public/favicon.svg |
  awk '/^-/ { printf "%9d  %s\n", $5, $NF } /:$/ { print }'
