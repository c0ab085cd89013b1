"""The simple generic methods of issue 23 part 2, to score beside the extractor (bench/quality.py).

Written from ../shared/spec/taxonomy.md, relevance.md and general knowledge of
Indonesian institutions only: no word here comes from reading a labelled
article, and nothing reads generator/data/ (the rules under test). Each method
speaks for a few fields only; a method's one free setting (a threshold, a
window) is chosen on the TUNE part by `fit`, never on the EVAL part.

- density:      relevance by the density of stunting mentions (one threshold);
- gazetteer:    actor types by an institution gazetteer, in the sentences that
                name stunting and their neighbours;
- headwords:    named actors by institution head words ("Pemerintah Kabupaten X",
                "Dinas Kesehatan X", "PT X", "Yayasan X", ...);
- cues:         programmes and target groups by taxonomy.md's cue words within
                one sentence, both stemmed (PySastrawi), near stunting sentences;
- nearest-noun: figures (numbers with a unit) near stunting sentences, kind by
                the nearest kind noun, area by the nearest region name;
- grep:         the "30-line keyword grep": fixed keyword lists, no stemming.

Every method returns, per article, a dict shaped like a record of
data/articles.json holding only the fields it speaks for.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

STUNTING = re.compile(r"stunting|kerdil|gagal tumbuh|gizi kronis|tengkes", re.I)  # relevance.md's synonyms
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\n+")
TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


# ---------------------------------------------------------------- texts

@lru_cache(maxsize=1)
def _stemmer():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory  # a test dependency: bench only
    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=None)
def stem(word: str) -> str:
    return _stemmer().stem(word) or word


def stems(text: str) -> list[str]:
    return [stem(w) for w in TOKEN.findall(text.lower())]


@dataclass
class Doc:
    """One article's text, split into sentences once for every method."""

    id: str
    text: str
    sentences: list[str] = field(init=False)
    stemmed: list[list[str]] = field(init=False)
    stunting: list[int] = field(init=False)  # sentences that name stunting

    def __post_init__(self) -> None:
        self.sentences = [s.strip() for s in SENTENCE_END.split(self.text) if s and s.strip()]
        self.stemmed = [stems(s) for s in self.sentences]
        self.stunting = [i for i, s in enumerate(self.sentences) if STUNTING.search(s)]

    def near_stunting(self, window: int | None) -> list[int]:
        """Sentences naming stunting and `window` neighbours each side (None: every sentence)."""
        if window is None:
            return list(range(len(self.sentences)))
        return sorted({j for i in self.stunting for j in range(i - window, i + window + 1) if 0 <= j < len(self.sentences)})


def _phrase_in(phrase: list[str], tokens: list[str]) -> bool:
    n = len(phrase)
    return any(tokens[k:k + n] == phrase for k in range(len(tokens) - n + 1))


class Cue:
    """A cue of taxonomy.md: phrases joined by '&' must all occur in one sentence, compared stemmed."""

    def __init__(self, text: str):
        self.parts = [stems(p) for p in text.split("&")]

    def in_sentence(self, tokens: list[str]) -> bool:
        return all(_phrase_in(p, tokens) for p in self.parts)


# ---------------------------------------------------------------- taxonomy.md, transcribed

PROGRAMME_CUES = {
    "makanan-tambahan": ["PMT", "makanan tambahan", "Dashat", "dapur sehat atasi stunting", "makan bergizi & balita",
                         "makan bergizi & ibu hamil", "MBG & ibu hamil", "MBG & balita"],
    "bantuan-pangan": ["paket protein", "paket sembako", "bantuan pangan", "cadangan pangan", "telur & keluarga berisiko",
                       "ikan & keluarga berisiko", "daging & keluarga berisiko"],
    "layanan-kesehatan": ["pemeriksaan kehamilan", "imunisasi", "tablet tambah darah", "vitamin A", "obat cacing", "puskesmas",
                          "tata laksana gizi buruk", "rujukan", "pendampingan medis", "dokter spesialis anak"],
    "posyandu": ["posyandu"],
    "pengukuran-pemantauan": ["pengukuran serentak", "penimbangan", "intervensi serentak", "bulan timbang", "antropometri",
                              "pemantauan tumbuh kembang"],
    "data-sistem-informasi": ["sistem informasi", "aplikasi", "dasbor", "data by name by address", "Elsimil", "e-PPGBM",
                              "monitoring dan evaluasi", "bidang data"],
    "peningkatan-kapasitas": ["pelatihan kader", "peningkatan kapasitas", "bimbingan teknis", "bimtek", "orientasi",
                              "kader pembangunan manusia"],
    "pendampingan-keluarga": ["tim pendamping keluarga", "TPK", "pendampingan keluarga", "pendampingan sasaran",
                              "kunjungan rumah", "keluarga berisiko stunting"],
    "orang-tua-asuh": ["bapak asuh", "bunda asuh", "BAAS", "orang tua asuh", "ayah angkat", "ibu angkat", "GENTING"],
    "audit-kasus": ["audit kasus stunting", "AKS", "diseminasi audit"],
    "calon-pengantin": ["calon pengantin", "catin", "pranikah", "bimbingan perkawinan", "perkawinan anak", "remaja putri"],
    "air-sanitasi": ["air bersih", "air minum", "sanitasi", "jamban", "STBM", "air limbah", "rumah layak huni"],
    "bantuan-tunai": ["bantuan uang tunai", "BLT", "PKH", "bansos", "jaminan kesehatan & keluarga berisiko"],
    "edukasi": ["sosialisasi", "edukasi", "penyuluhan", "kampanye", "KIE", "promotif dan preventif", "pelajar peduli stunting",
                "demo masak", "MP-ASI", "ASI eksklusif"],
    "koordinasi-konvergensi": ["rapat koordinasi", "rakor", "rembuk stunting", "konvergensi", "TPPS & rapat", "pokja",
                               "penandatanganan komitmen", "peraturan bupati", "peraturan wali kota"],
    "pendanaan-kemitraan": ["CSR", "TJSL", "filantropi", "anggaran & stunting", "dana & stunting", "hibah", "kerja sama", "donasi"],
    "pemberdayaan-masyarakat": ["pemberdayaan masyarakat", "gerakan bersama", "Kampung KB", "kebun gizi", "pekarangan gizi",
                                "partisipasi masyarakat"],
}
TARGET_CUES = {
    "balita": ["bayi", "balita", "baduta", "anak stunting", "anak usia"],
    "ibu-hamil": ["ibu hamil", "bumil"],
    "ibu-menyusui": ["ibu menyusui", "ibu nifas", "ASI"],
    "remaja": ["remaja putri", "pelajar", "siswa"],
    "calon-pengantin": ["catin", "calon pengantin", "pasangan usia subur"],
    "keluarga-berisiko": ["keluarga berisiko stunting", "KRS", "keluarga sasaran"],
}

# Institutions by actor type (taxonomy.md's "who" column and general knowledge), matched whole-word.
INSTITUTIONS = {
    "pemerintah-pusat": r"Kementerian|Kemenkes|Kemendagri|Kemenag|KUA|Kemensos|Kemenko PMK|BKKBN|Badan Gizi Nasional|BGN|"
                        r"Wakil Presiden|Wapres|Presiden|Menteri|Menkes",
    "pemerintah-provinsi": r"Pemprov|Pemerintah Provinsi|Gubernur|Wakil Gubernur|Sekda Provinsi|Dinas \w+ Provinsi|TPPS Provinsi",
    "pemerintah-kabupaten-kota": r"Pemkab|Pemkot|Pemerintah Kabupaten|Pemerintah Kota|Pemda|Bupati|Wakil Bupati|Wali Kota|"
                                 r"Walikota|Dinas Kesehatan|Dinkes|DP3A\w*|DPPKB\w*|Puskesmas|TPPS Kabupaten|TPPS Kota",
    "pemerintah-desa": r"Pemerintah Desa|Pemdes|Kepala Desa|Kades|Lurah|Dana Desa",
    "swasta": r"PT|Tbk|BUMN|CSR|TJSL|Group|Grup|Bank \w+|perusahaan",
    "masyarakat": r"PKK|kader|tokoh agama|LSM|Yayasan|relawan|komunitas|Muhammadiyah|Aisyiyah|NU|Fatayat|organisasi masyarakat",
    "tni-polri": r"TNI|Polri|Polda|Polres|Polresta|Polsek|Kodim|Koramil|Korem|Kodam|Babinsa|Bhabinkamtibmas|Kapolres|Dandim",
    "akademisi": r"Universitas|Politeknik|Institut|Fakultas|mahasiswa|KKN|dosen|peneliti|akademisi",
    "internasional": r"UNICEF|WHO|WFP|World Bank|Bank Dunia|USAID|FAO|UNFPA",
}

# Heads of an institution's name; the name runs on over capitalised words.
HEADS = (r"Pemerintah (?:Kabupaten|Kota|Provinsi|Desa)|Pemkab|Pemkot|Pemprov|Pemdes|Dinas Kesehatan|Dinkes|Dinas|"
         r"PT|Yayasan|Universitas|Politeknik|Institut|Kementerian|Badan|BKKBN|TP[ -]PKK|Tim Penggerak PKK|PKK|Puskesmas|"
         r"RSUD|Rumah Sakit|Polres|Polresta|Polda|Kodim|Korem|Kodam|Bank|Perum|Lembaga|Komunitas|Forum|Ikatan|Persatuan")
NAME_WORD = r"(?:[A-Z][\w&.'-]*|dan|&|\d+)"
NAMED = re.compile(rf"\b(?:{HEADS})\b(?:\s+{NAME_WORD}){{0,6}}")
# Institutions news names by their acronym alone (taxonomy.md's examples and the best-known others), and the
# organisations of officials' wives; a head of government names the government (taxonomy.md: "the mayor
# quoted means the city government").
ACRONYMS = re.compile(r"\b(?:BKKBN|BGN|TPPS|TPK|DP3A\w*|DPPKB\w*|DPPKBPMD|DKP3A|Dinsos|Bappeda|Bappenas|BPS|BPOM|KPAI|KUA|"
                      r"Kemenkes|Kemendagri|Kemenag|Kemensos|Kemenko PMK|UNICEF|WHO|WFP|Bhayangkari|Persit|Dharma Wanita)\b"
                      rf"(?:\s+{NAME_WORD}){{0,4}}")
OFFICES = re.compile(rf"\b(?P<head>Bupati|Wali\s?[Kk]ota|Gubernur)\s+(?P<name>(?:[A-Z][\w'-]*)(?:\s+[A-Z][\w'-]*){{0,2}})")
GOVERNMENT = {"bupati": "Pemerintah Kabupaten", "walikota": "Pemerintah Kota", "gubernur": "Pemerintah Provinsi"}


# ---------------------------------------------------------------- regions (reference list + common short names)

PROVINCE_ALIASES = {
    "DKI Jakarta": "31", "Jakarta": "31", "DI Yogyakarta": "34", "DIY": "34", "Yogyakarta": "34", "Bangka Belitung": "19",
    "Babel": "19", "NAD": "11", "Sumut": "12", "Sumbar": "13", "Sumsel": "16", "Jabar": "32", "Jateng": "33", "Jatim": "35",
    "NTB": "52", "NTT": "53", "Kalbar": "61", "Kalteng": "62", "Kalsel": "63", "Kaltim": "64", "Kaltara": "65", "Sulut": "71",
    "Sulteng": "72", "Sulsel": "73", "Sultra": "74", "Sulbar": "76", "Malut": "82",
}


@dataclass
class Regions:
    """Region names of the Kemendagri list as they appear in news, each to its code."""

    province_of: dict[str, str]
    pattern: re.Pattern
    code_of: dict[str, str]

    @classmethod
    def load(cls) -> "Regions":
        path = SHARED / "reference" / "wilayah.csv"
        if not path.exists():
            path = ROOT / "generator" / "data" / "regions.csv"
        with open(path, encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        names: dict[str, str] = {}
        short_count: dict[str, int] = {}
        provinces = {r["name"] for r in rows if r["kind"] == "provinsi"}
        for r in rows:
            if r["kind"] == "provinsi":
                names[r["name"]] = names["Provinsi " + r["name"]] = names["Pemprov " + r["name"]] = r["code"]
                continue
            short = re.sub(r"^(Kabupaten|Kota Administrasi|Kota) ", "", r["name"])
            short_count[short] = short_count.get(short, 0) + 1
            heads = ["Kabupaten", "Kab.", "Kab", "Pemkab", "Bupati"] if r["kind"] == "kabupaten" else \
                ["Kota", "Pemkot", "Wali Kota", "Walikota"]
            for head in heads:
                names[f"{head} {short}"] = r["code"]
        for r in rows:  # a bare name when only one regency has it and no province does
            short = re.sub(r"^(Kabupaten|Kota Administrasi|Kota) ", "", r["name"])
            if r["kind"] != "provinsi" and short_count[short] == 1 and short not in provinces and short not in PROVINCE_ALIASES:
                names.setdefault(short, r["code"])
        names.update({k: v for k, v in PROVINCE_ALIASES.items() if k not in names})
        alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        return cls({r["code"]: r["province_code"] for r in rows}, re.compile(rf"\b(?:{alternation})\b"), names)

    def find(self, text: str) -> list[tuple[int, str]]:
        """(offset, code) of every region named in `text`, in order."""
        return [(m.start(), self.code_of[m.group(0)]) for m in self.pattern.finditer(text)]

    def split(self, codes: list[str]) -> tuple[list[str], list[str]]:
        """Provinces (named or implied by a regency) and regencies of a list of codes."""
        regencies = sorted({c for c in codes if "." in c})
        provinces = sorted({self.province_of.get(c, c.split(".")[0]) for c in codes})
        return provinces, regencies


@lru_cache(maxsize=1)
def regions() -> Regions:
    return Regions.load()


# ---------------------------------------------------------------- the methods

Scorer = Callable[[dict[str, dict]], float]


class Method:
    name = ""
    fields: tuple[str, ...] = ()
    setting: object = None

    def fit(self, docs: list[Doc], score: Scorer) -> None:
        """Choose the one free setting on TUNE documents (`score` rates this method's outputs)."""
        candidates = self.candidates(docs)
        best = None
        for value in candidates:
            self.setting = value
            s = score({d.id: self.run(d) for d in docs})
            if best is None or s > best[0]:
                best = (s, value)
        if best is not None:
            self.setting = best[1]

    def candidates(self, docs: list[Doc]) -> list:
        return []

    def describe(self) -> str:
        """The chosen setting, in words ("" when the method has none)."""
        if self.candidates([]) and self.setting is None:
            return "the whole text"
        return "" if self.setting is None else f"window of {self.setting} sentences around stunting"

    def run(self, doc: Doc) -> dict:
        raise NotImplementedError


class Density(Method):
    """Effort when stunting is named at least `setting` times per 100 words."""

    name, fields, setting = "density", ("relevance",), 1.0

    @staticmethod
    def density(doc: Doc) -> float:
        return 100 * len(STUNTING.findall(doc.text)) / max(1, len(doc.text.split()))

    def candidates(self, docs):
        # Midway between neighbouring TUNE densities: the line falls between two articles, not on one.
        d = sorted({self.density(x) for x in docs})
        return [round((a + b) / 2, 4) for a, b in zip(d, d[1:])]

    def fit(self, docs, score):
        # Of thresholds that score alike on TUNE, the middle one: the widest margin to both sides.
        rated = [(score({d.id: self._run(d, t) for d in docs}), t) for t in self.candidates(docs)]
        if rated:
            top = max(r for r, _ in rated)
            best = [t for r, t in rated if r == top]
            self.setting = best[len(best) // 2]

    def describe(self):
        return f"threshold {self.setting} mentions per 100 words"

    def run(self, doc):
        return self._run(doc, self.setting)

    def _run(self, doc, threshold):
        return {"relevance": "effort" if self.density(doc) >= threshold else "mention"}


class Gazetteer(Method):
    name, fields = "gazetteer", ("actor_types",)
    patterns = {t: re.compile(rf"\b(?:{p})\b") for t, p in INSTITUTIONS.items()}

    def run(self, doc):
        window = " ".join(doc.sentences[i] for i in doc.near_stunting(1))
        return {"actor_types": [t for t, p in self.patterns.items() if p.search(window)]}


class HeadWords(Method):
    name, fields = "headwords", ("actors",)

    def run(self, doc):
        found = [(m.start(), m.group(0)) for pattern in (NAMED, ACRONYMS) for m in pattern.finditer(doc.text)]
        found += [(m.start(), f"{GOVERNMENT[re.sub(r'[^a-z]', '', m.group('head').lower())]} {m.group('name')}")
                  for m in OFFICES.finditer(doc.text)]
        seen: list[str] = []
        for _, name in sorted(found):
            name = name.rstrip(".&' -")
            if name not in seen:
                seen.append(name)
        return {"actors": [{"name": n} for n in seen]}


class Cues(Method):
    """Programmes and target groups by their cues in sentences within `setting` of a stunting sentence."""

    name, fields, setting = "cues", ("programmes", "target_groups"), 0
    programmes = {k: [Cue(c) for c in v] for k, v in PROGRAMME_CUES.items()}
    targets = {k: [Cue(c) for c in v] for k, v in TARGET_CUES.items()}

    def candidates(self, docs):
        return [0, 1, 2, None]

    def run(self, doc):
        sents = [doc.stemmed[i] for i in doc.near_stunting(self.setting)]

        def tags(table):
            return [k for k, cues in table.items() if any(c.in_sentence(s) for c in cues for s in sents)]
        return {"programmes": tags(self.programmes), "target_groups": tags(self.targets)}


NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?(?!\d)|\d+\.\d{1,2}(?![\d.])|\d+(?:,\d+)?"
SCALE = {"ribu": 1e3, "rb": 1e3, "juta": 1e6, "jt": 1e6, "miliar": 1e9, "milyar": 1e9, "m": 1e9, "triliun": 1e12, "t": 1e12}
COUNTED = (r"balita|bayi|baduta|anak|keluarga|KK|ibu|warga|jiwa|orang|siswa|pelajar|remaja|pasangan|catin|penerima|sasaran|"
           r"paket|kasus|desa|kelurahan|kecamatan|kabupaten|kota|provinsi|posyandu|puskesmas|lokus|kampung|sekolah|dapur|SPPG|"
           r"unit|kader|tenaga|bidan|petugas|pendamping|TPK|tim|dokter|relawan|ASN")
FIGURE = re.compile(
    rf"(?P<rp>Rp\.?\s*)(?P<money>{NUMBER})(?:\s*(?P<mscale>ribu|rb|juta|jt|miliar|milyar|triliun|M|T)\b)?"
    rf"|(?P<pct>{NUMBER})\s*(?:%|persen\b)"
    rf"|(?<![\d.,/])(?P<count>{NUMBER})(?:\s+(?P<cscale>ribu|juta))?\s+(?=(?:orang\s+)?(?:{COUNTED})\b)", re.I)
# Kind nouns: the nearest one to a number, among the kinds its unit allows, names its kind.
KIND_NOUNS = {
    "prevalence": ["prevalensi", "angka stunting", "persentase", "stunting"],
    "target": ["target", "ditargetkan", "menargetkan", "sasaran nasional"],
    "budget": ["anggaran", "dana", "APBD", "APBN", "biaya", "alokasi", "total"],
    "unit-cost": ["per orang", "per anak", "per hari", "per bulan", "per porsi", "setiap bulan", "per keluarga", "per balita"],
    "beneficiaries": ["penerima", "sasaran", "keluarga", "KK", "balita", "anak", "bayi", "ibu hamil", "warga", "jiwa", "siswa",
                      "paket", "cakupan"],
    "cases": ["kasus", "balita stunting", "anak stunting", "penderita"],
    "places": ["desa", "kelurahan", "kecamatan", "kabupaten", "kota", "provinsi", "posyandu", "puskesmas", "lokus", "sekolah",
               "dapur", "SPPG", "unit"],
    "workers": ["kader", "tenaga", "bidan", "petugas", "pendamping", "TPK", "dokter", "relawan", "ASN"],
}
KINDS_BY_UNIT = {"percent": ("prevalence", "target", "beneficiaries"), "IDR": ("budget", "unit-cost"),
                 "count": ("cases", "beneficiaries", "places", "workers")}
DEFAULT_KIND = {"percent": "prevalence", "IDR": "budget", "count": "count"}
KIND_PATTERN = re.compile("|".join(rf"\b(?P<k{i}>{'|'.join(re.escape(w) for w in ws)})\b" for i, ws in
                                   enumerate(KIND_NOUNS.values())), re.I)
NATIONAL = re.compile(r"\b(?:nasional|Indonesia)\b")


def number(raw: str) -> float:
    if "," in raw:
        return float(raw.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d+\.\d{1,2}", raw):
        return float(raw)
    return float(raw.replace(".", ""))


class NearestNoun(Method):
    """Figures in sentences within `setting` of a stunting sentence; kind by the nearest kind noun."""

    name, fields, setting = "nearest-noun", ("figures",), 0

    def candidates(self, docs):
        return [0, 1, None]

    def run(self, doc):
        reg = regions()
        named = reg.find(doc.text)
        home = next((c for _, c in named if "." in c), named[0][1] if named else "")
        out = []
        for i in doc.near_stunting(self.setting):
            s = doc.sentences[i]
            kinds = [(m.start(), list(KIND_NOUNS)[int(next(k for k, v in m.groupdict().items() if v)[1:])])
                     for m in KIND_PATTERN.finditer(s)]
            places = reg.find(s)
            for m in FIGURE.finditer(s):
                if m.group("money"):
                    unit, raw, scale = "IDR", m.group("money"), m.group("mscale")
                elif m.group("pct"):
                    unit, raw, scale = "percent", m.group("pct"), None
                else:
                    unit, raw, scale = "count", m.group("count"), m.group("cscale")
                    if re.fullmatch(r"(19|20)\d\d", raw):
                        continue  # a year
                value = number(raw) * SCALE.get((scale or "").lower(), 1)
                at = m.start()
                allowed = [(abs(p - at), p < at, k) for p, k in kinds if k in KINDS_BY_UNIT[unit]]
                kind = min(allowed)[2] if allowed else DEFAULT_KIND[unit]
                if places:
                    scope = min(places, key=lambda pc: abs(pc[0] - at))[1]
                else:
                    scope = "national" if NATIONAL.search(s) else home
                year = re.findall(r"\b(20\d\d)\b", s)
                out.append({"value": int(value) if value == int(value) else value, "unit": unit, "kind": kind,
                            "year": int(year[0]) if year else None, "scope": scope})
        return {"figures": out}


class Grep(Method):
    """The 30-line keyword grep: fixed lists, plain substrings, whole text."""

    name, fields = "grep", ("relevance", "programmes", "actor_types", "target_groups", "provinces", "regencies")
    PROGRAMMES = {"makanan-tambahan": ["pmt", "makanan tambahan"], "bantuan-pangan": ["bantuan pangan", "paket"],
                  "layanan-kesehatan": ["imunisasi", "puskesmas", "tablet tambah darah"], "posyandu": ["posyandu"],
                  "pengukuran-pemantauan": ["pengukuran", "penimbangan"], "data-sistem-informasi": ["aplikasi", "data"],
                  "peningkatan-kapasitas": ["pelatihan"], "pendampingan-keluarga": ["pendampingan"],
                  "orang-tua-asuh": ["orang tua asuh", "bapak asuh"], "audit-kasus": ["audit"],
                  "calon-pengantin": ["calon pengantin", "catin"], "air-sanitasi": ["sanitasi", "air bersih", "jamban"],
                  "bantuan-tunai": ["bansos", "bantuan tunai"], "edukasi": ["sosialisasi", "edukasi", "penyuluhan"],
                  "koordinasi-konvergensi": ["rapat", "koordinasi", "rembuk"], "pendanaan-kemitraan": ["csr", "anggaran"],
                  "pemberdayaan-masyarakat": ["pemberdayaan"]}
    ACTORS = {"pemerintah-pusat": ["kementerian", "bkkbn", "menteri"], "pemerintah-provinsi": ["pemprov", "gubernur"],
              "pemerintah-kabupaten-kota": ["pemkab", "pemkot", "bupati", "wali kota", "dinas kesehatan"],
              "pemerintah-desa": ["kepala desa", "pemerintah desa"], "swasta": ["pt ", "perusahaan"],
              "masyarakat": ["pkk", "kader"], "tni-polri": ["tni", "polri", "polres"], "akademisi": ["universitas", "mahasiswa"],
              "internasional": ["unicef", "who "]}
    TARGETS = {"balita": ["balita", "bayi"], "ibu-hamil": ["ibu hamil"], "ibu-menyusui": ["menyusui"], "remaja": ["remaja"],
               "calon-pengantin": ["calon pengantin", "catin"], "keluarga-berisiko": ["keluarga berisiko"]}

    def run(self, doc):
        low = doc.text.lower()
        provinces, regencies = regions().split([c for _, c in regions().find(doc.text)])
        return {"relevance": "effort" if low.count("stunting") >= 3 else "mention",
                "programmes": [k for k, ws in self.PROGRAMMES.items() if any(w in low for w in ws)],
                "actor_types": [k for k, ws in self.ACTORS.items() if any(w in low for w in ws)],
                "target_groups": [k for k, ws in self.TARGETS.items() if any(w in low for w in ws)],
                "provinces": [{"code": c} for c in provinces], "regencies": [{"code": c} for c in regencies]}


def methods() -> list[Method]:
    return [Density(), Gazetteer(), HeadWords(), Cues(), NearestNoun(), Grep()]
