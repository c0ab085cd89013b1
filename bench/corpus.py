"""A synthetic corpus of stunting news articles, from templates and vocabularies written for the benchmark.

Deterministic for a given size and seed: article i always reads the same.
Lengths are about 2-4 KB, regions, programmes, actors, figures and dates vary.
"""
from __future__ import annotations

import csv
import datetime
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember"]
WEEKDAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
OUTLETS = ["ANTARA", "Kompas.com", "detikcom", "Tribunnews", "Fokusborneo.com", "Liputan6.com"]
PROGRAMMES = [
    ("pemberian makanan tambahan (PMT) lokal bagi balita dan ibu hamil", "PMT lokal"),
    ("penguatan posyandu dan revitalisasi layanan posyandu di setiap desa", "posyandu"),
    ("pelatihan kader posyandu dan bimbingan teknis bagi petugas gizi", "pelatihan kader"),
    ("pendampingan keluarga berisiko stunting oleh Tim Pendamping Keluarga (TPK)", "pendampingan keluarga"),
    ("gerakan Bapak/Bunda Asuh Anak Stunting yang melibatkan ASN dan pengusaha", "orang tua asuh"),
    ("audit kasus stunting bersama tenaga kesehatan dan akademisi", "audit kasus stunting"),
    ("skrining calon pengantin dan bimbingan perkawinan di KUA", "layanan calon pengantin"),
    ("pembangunan jamban sehat, sanitasi dan akses air bersih", "air bersih dan sanitasi"),
    ("penyaluran paket protein dan bantuan pangan bagi keluarga sasaran", "bantuan pangan"),
    ("pengukuran serentak dan penimbangan balita di posyandu", "pengukuran serentak"),
    ("sosialisasi dan edukasi gizi seimbang serta pentingnya ASI eksklusif", "edukasi gizi"),
    ("rapat koordinasi Tim Percepatan Penurunan Stunting dan rembuk stunting", "rembuk stunting"),
    ("pemanfaatan aplikasi Elsimil dan data by name by address", "data sasaran"),
    ("pemberdayaan masyarakat melalui kebun gizi di pekarangan rumah", "kebun gizi"),
]
COMPANIES = ["PT Pupuk Kaltim", "PT Pertamina", "PT Bank Rakyat Indonesia", "Adaro Group", "PT Semen Indonesia",
             "PT Telkom Indonesia", "PT PLN", "PT Timah", "Astra Group"]
SUBJECTS = ["balita", "ibu hamil", "keluarga berisiko stunting", "calon pengantin", "remaja putri", "baduta"]
FILLER = [
    "Menurut dia, upaya tersebut membutuhkan kerja sama semua pihak, mulai dari pemerintah desa hingga tokoh masyarakat.",
    "Ia menambahkan, kader di lapangan diminta aktif mendatangi rumah warga yang balitanya tidak hadir di posyandu.",
    "Kegiatan ini juga dihadiri perwakilan organisasi perangkat daerah, camat, dan para kepala desa.",
    "Warga menyambut baik program tersebut karena membantu keluarga yang selama ini kesulitan memenuhi kebutuhan gizi.",
    "Pihaknya berharap angka stunting terus menurun sehingga generasi mendatang tumbuh sehat dan cerdas.",
    "Evaluasi program dilakukan setiap tiga bulan untuk memastikan intervensi tepat sasaran.",
    "Selain itu, pemerintah daerah menyiapkan anggaran pendamping dari dana desa untuk kegiatan di tingkat desa.",
    "Data hasil pengukuran akan dimasukkan ke aplikasi agar bisa dipantau secara berkala.",
    "Dalam kesempatan itu, para ibu juga diajak memasak menu bergizi berbahan pangan lokal.",
    "Menurut dia, perubahan perilaku keluarga menjadi kunci utama pencegahan stunting sejak dini.",
    "Tenaga kesehatan puskesmas juga memeriksa kehamilan dan membagikan tablet tambah darah kepada remaja putri.",
    "Pemerintah desa diminta memastikan setiap bayi yang lahir tercatat dan rutin ditimbang setiap bulan.",
    "Ke depan, kegiatan serupa akan diperluas ke kecamatan lain yang angka stuntingnya masih tinggi.",
    "Para peserta juga mendapat materi tentang pola asuh, kebersihan lingkungan, dan pentingnya imunisasi dasar lengkap.",
    "Ia mengingatkan bahwa seribu hari pertama kehidupan merupakan masa emas tumbuh kembang anak.",
]


# One article has a word no other text has, in its last paragraph.
RARE_WORD_ARTICLE = 7
RARE_WORD = "Rawabening"


def regencies() -> list[dict]:
    with open(ROOT / "generator" / "data" / "regions.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    provinces = {r["code"]: r["name"] for r in rows if r["kind"] == "provinsi"}
    return [dict(r, province=provinces[r["province_code"]]) for r in rows if r["kind"] != "provinsi"]


def article(i: int, regs: list[dict]) -> str:
    rnd = random.Random(i)
    reg = rnd.choice(regs)
    kind = "Kabupaten" if reg["kind"] == "kabupaten" else "Kota"
    short = reg["name"].replace("Kabupaten ", "").replace("Kota Administrasi ", "").replace("Kota ", "")
    gov = f"Pemerintah {kind} {short}"
    head = "Bupati" if kind == "Kabupaten" else "Wali Kota"
    year = rnd.choice([2022, 2023, 2024, 2025])
    month = rnd.randrange(12)
    day = rnd.randrange(1, 28)
    progs = rnd.sample(PROGRAMMES, 3)
    company = rnd.choice(COMPANIES)
    prev_a = round(rnd.uniform(15, 35), 2)
    prev_b = round(prev_a - rnd.uniform(0.5, 5), 2)
    n_children = rnd.randrange(120, 9000)
    budget = rnd.choice(["Rp 1,5 miliar", "Rp 750 juta", "Rp 2,3 miliar", "Rp 450 juta", "Rp 12 miliar"])
    outlet = rnd.choice(OUTLETS)
    weekday = WEEKDAYS[datetime.date(year, month + 1, day).weekday()]
    date = f"{weekday}, {day} {MONTHS[month]} {year}"
    paras = [
        f"{short.upper()}, {outlet} - {gov} terus memperkuat upaya percepatan penurunan stunting melalui "
        f"{progs[0][0]} di sejumlah desa di wilayahnya.",
        f"{head} {short} mengatakan, program {progs[0][1]} menyasar {f'{n_children:,}'.replace(',', '.')} "
        f"{rnd.choice(SUBJECTS)} pada tahun {year}.",
        f"\"Prevalensi stunting di {short} turun dari {str(prev_a).replace('.', ',')} persen pada {year - 1} menjadi "
        f"{str(prev_b).replace('.', ',')} persen pada {year},\" ujarnya.",
        f"Selain itu, pemerintah daerah juga menjalankan {progs[1][0]} serta {progs[2][0]}.",
        f"Program ini didukung dana CSR dari {company} senilai {budget} yang disalurkan melalui Dinas Kesehatan {kind} {short}.",
        f"Kepala Dinas Kesehatan {kind} {short} menjelaskan, sebanyak {rnd.randrange(20, 400)} kader posyandu telah "
        f"dilatih untuk mendampingi {rnd.randrange(100, 3000)} keluarga berisiko stunting di {rnd.randrange(5, 80)} desa.",
    ]
    paras += rnd.sample(FILLER, rnd.randrange(6, len(FILLER)))
    paras.append(f"\"Kami mengajak seluruh pihak, termasuk dunia usaha dan perguruan tinggi, untuk terlibat dalam "
                 f"{progs[1][1]} dan {progs[2][1]}. Penanganan stunting tidak bisa dilakukan oleh pemerintah sendiri,\" "
                 f"kata {head} {short} di hadapan peserta kegiatan.")
    paras += rnd.sample(FILLER, rnd.randrange(3, 8))
    paras.append(f"Target nasional prevalensi stunting 14 persen diharapkan dapat tercapai di {reg['province']}. (ant)")
    if i == RARE_WORD_ARTICLE:
        # The benchmark's search finds this article by a word of its last paragraph only.
        paras[-1] = paras[-1].replace(" (ant)", f" Acara ditutup dengan pameran hasil kebun warga {RARE_WORD}. (ant)")
    return "\n".join(paras) + f"\n{date}\n"


def write_corpus(folder: Path, n: int, real_texts: Path | None = None) -> int:
    """Writes n synthetic articles (and the real corpus texts, if given); returns the number of files."""
    folder.mkdir(parents=True, exist_ok=True)
    regs = regencies()
    for i in range(n):
        (folder / f"bench_{i:05d}.txt").write_text(article(i, regs), encoding="utf-8")
    count = n
    if real_texts is not None and real_texts.is_dir():
        import json

        for jsonl in sorted(real_texts.glob("*.jsonl")):
            for line in jsonl.read_text(encoding="utf-8").split("\n"):
                if not line.strip():
                    continue
                record = json.loads(line)
                (folder / f"real_{record['id']}.txt").write_text(record["text"], encoding="utf-8")
                count += 1
    return count
