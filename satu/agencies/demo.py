"""Demo agencies: a realistic set of OPD for every kabupaten/kota of Jawa Tengah.

The provincial agencies come from the reference data. For the 35 kabupaten/kota the usual
structure of a local government is created (secretariats, badan, dinas, RSUD, kecamatan) with
real hospital and kecamatan names, giving the province on the order of a thousand agencies.
"""

from django.conf import settings

from satu.regions.models import Region

from .models import Agency, AgencyType, ServiceUnit

# (abbreviation, name without the region, type)
LOCAL_AGENCIES = [
    ("SETDA", "Sekretariat Daerah", AgencyType.SEKRETARIAT),
    ("SETWAN", "Sekretariat DPRD", AgencyType.SEKRETARIAT),
    ("INSPEKTORAT", "Inspektorat", AgencyType.INSPEKTORAT),
    ("BAPPERIDA", "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah", AgencyType.BADAN),
    ("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", AgencyType.BADAN),
    ("BPKPAD", "Badan Pengelolaan Keuangan, Pendapatan dan Aset Daerah", AgencyType.BADAN),
    ("BPBD", "Badan Penanggulangan Bencana Daerah", AgencyType.BADAN),
    ("KESBANGPOL", "Badan Kesatuan Bangsa dan Politik", AgencyType.BADAN),
    ("SATPOLPP", "Satuan Polisi Pamong Praja", AgencyType.SATPOL_PP),
    ("DINDIKBUD", "Dinas Pendidikan dan Kebudayaan", AgencyType.DINAS),
    ("DINKES", "Dinas Kesehatan", AgencyType.DINAS),
    ("DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", AgencyType.DINAS),
    ("DISPERKIM", "Dinas Perumahan dan Kawasan Permukiman", AgencyType.DINAS),
    ("DINSOS", "Dinas Sosial", AgencyType.DINAS),
    ("DISNAKER", "Dinas Tenaga Kerja", AgencyType.DINAS),
    ("DISDUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", AgencyType.DINAS),
    ("DISPERMADES", "Dinas Pemberdayaan Masyarakat dan Desa", AgencyType.DINAS),
    (
        "DP3AKB",
        "Dinas Pengendalian Penduduk, Keluarga Berencana, Pemberdayaan Perempuan dan "
        "Perlindungan Anak",
        AgencyType.DINAS,
    ),
    ("DLH", "Dinas Lingkungan Hidup", AgencyType.DINAS),
    ("DISHUB", "Dinas Perhubungan", AgencyType.DINAS),
    ("DISKOMINFO", "Dinas Komunikasi dan Informatika", AgencyType.DINAS),
    ("DINKOPUKM", "Dinas Koperasi, Usaha Kecil dan Menengah", AgencyType.DINAS),
    ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", AgencyType.DINAS),
    ("DISTANPANGAN", "Dinas Pertanian dan Ketahanan Pangan", AgencyType.DINAS),
    ("DISDAG", "Dinas Perdagangan dan Perindustrian", AgencyType.DINAS),
    ("DISPARPORA", "Dinas Pariwisata, Pemuda dan Olahraga", AgencyType.DINAS),
    ("DINARPUS", "Dinas Kearsipan dan Perpustakaan", AgencyType.DINAS),
]

# Kemendagri code -> (public hospitals, a few kecamatan)
LOCAL_DETAILS: dict[str, tuple[list[str], list[str]]] = {
    "33.01": (
        ["RSUD Cilacap", "RSUD Majenang"],
        ["Cilacap Selatan", "Cilacap Tengah", "Cilacap Utara", "Kroya", "Majenang", "Sidareja"],
    ),
    "33.02": (
        ["RSUD Banyumas", "RSUD Ajibarang"],
        [
            "Purwokerto Barat",
            "Purwokerto Timur",
            "Purwokerto Selatan",
            "Purwokerto Utara",
            "Sokaraja",
            "Ajibarang",
        ],
    ),
    "33.03": (
        ["RSUD dr. R. Goeteng Taroenadibrata"],
        ["Purbalingga", "Bobotsari", "Bukateja", "Kalimanah", "Kutasari"],
    ),
    "33.04": (
        ["RSUD Hj. Anna Lasmanah"],
        ["Banjarnegara", "Bawang", "Wanadadi", "Purwareja Klampok", "Batur"],
    ),
    "33.05": (
        ["RSUD dr. Soedirman", "RSUD Prembun"],
        ["Kebumen", "Gombong", "Karanganyar", "Prembun", "Kutowinangun"],
    ),
    "33.06": (
        ["RSUD dr. Tjitrowardojo"],
        ["Purworejo", "Kutoarjo", "Bayan", "Banyuurip", "Bagelen"],
    ),
    "33.07": (["RSUD KRT Setjonegoro"], ["Wonosobo", "Kertek", "Garung", "Mojotengah", "Kejajar"]),
    "33.08": (
        ["RSUD Muntilan", "RSUD Merah Putih"],
        ["Mungkid", "Muntilan", "Borobudur", "Mertoyudan", "Secang", "Grabag"],
    ),
    "33.09": (
        ["RSUD Pandan Arang", "RSUD Waras Wiris"],
        ["Boyolali", "Ampel", "Cepogo", "Banyudono", "Mojosongo"],
    ),
    "33.10": (
        ["RSUD Bagas Waras"],
        ["Klaten Tengah", "Klaten Utara", "Klaten Selatan", "Delanggu", "Prambanan", "Pedan"],
    ),
    "33.11": (["RSUD Ir. Soekarno"], ["Sukoharjo", "Kartasura", "Grogol", "Baki", "Mojolaban"]),
    "33.12": (
        ["RSUD dr. Soediran Mangun Sumarso"],
        ["Wonogiri", "Selogiri", "Ngadirojo", "Pracimantoro", "Baturetno"],
    ),
    "33.13": (
        ["RSUD Karanganyar"],
        ["Karanganyar", "Tawangmangu", "Colomadu", "Jaten", "Kebakkramat"],
    ),
    "33.14": (
        ["RSUD dr. Soehadi Prijonegoro", "RSUD Gemolong"],
        ["Sragen", "Masaran", "Sidoharjo", "Gemolong", "Tanon"],
    ),
    "33.15": (
        ["RSUD dr. R. Soedjati Soemodiardjo"],
        ["Purwodadi", "Godong", "Gubug", "Toroh", "Wirosari"],
    ),
    "33.16": (
        ["RSUD dr. R. Soetijono", "RSUD Cepu"],
        ["Blora", "Cepu", "Randublatung", "Kunduran", "Jepon"],
    ),
    "33.17": (["RSUD dr. R. Soetrasno"], ["Rembang", "Lasem", "Kragan", "Sarang", "Pamotan"]),
    "33.18": (["RSUD RAA Soewondo"], ["Pati", "Juwana", "Tayu", "Margorejo", "Kayen"]),
    "33.19": (["RSUD dr. Loekmono Hadi"], ["Kota Kudus", "Jati", "Bae", "Kaliwungu", "Mejobo"]),
    "33.20": (["RSUD RA Kartini"], ["Jepara", "Tahunan", "Mlonggo", "Pecangaan", "Karimunjawa"]),
    "33.21": (["RSUD Sunan Kalijaga"], ["Demak", "Mranggen", "Sayung", "Karangawen", "Bonang"]),
    "33.22": (
        ["RSUD Ungaran", "RSUD Ambarawa"],
        ["Ungaran Barat", "Ungaran Timur", "Ambarawa", "Bawen", "Bergas"],
    ),
    "33.23": (["RSUD Temanggung"], ["Temanggung", "Parakan", "Kedu", "Kandangan", "Ngadirejo"]),
    "33.24": (["RSUD dr. H. Soewondo"], ["Kendal", "Kaliwungu", "Weleri", "Boja", "Sukorejo"]),
    "33.25": (["RSUD Batang"], ["Batang", "Warungasem", "Gringsing", "Limpung", "Subah"]),
    "33.26": (["RSUD Kajen", "RSUD Kraton"], ["Kajen", "Wiradesa", "Kedungwuni", "Bojong", "Doro"]),
    "33.27": (["RSUD dr. M. Ashari"], ["Pemalang", "Taman", "Petarukan", "Comal", "Randudongkal"]),
    "33.28": (["RSUD dr. Soeselo"], ["Slawi", "Adiwerna", "Dukuhturi", "Talang", "Pangkah"]),
    "33.29": (
        ["RSUD Brebes", "RSUD Bumiayu"],
        ["Brebes", "Bumiayu", "Tanjung", "Ketanggungan", "Bulakamba"],
    ),
    "33.71": (["RSUD Tidar"], ["Magelang Utara", "Magelang Tengah", "Magelang Selatan"]),
    "33.72": (["RSUD Bung Karno"], ["Laweyan", "Serengan", "Pasar Kliwon", "Jebres", "Banjarsari"]),
    "33.73": (["RSUD Kota Salatiga"], ["Sidorejo", "Tingkir", "Argomulyo", "Sidomukti"]),
    "33.74": (
        ["RSUD K.R.M.T. Wongsonegoro"],
        [
            "Semarang Tengah",
            "Semarang Utara",
            "Semarang Timur",
            "Semarang Selatan",
            "Semarang Barat",
            "Gayamsari",
            "Candisari",
            "Gajahmungkur",
            "Genuk",
            "Pedurungan",
            "Tembalang",
            "Banyumanik",
            "Gunungpati",
            "Mijen",
            "Ngaliyan",
            "Tugu",
        ],
    ),
    "33.75": (
        ["RSUD Bendan"],
        ["Pekalongan Barat", "Pekalongan Timur", "Pekalongan Utara", "Pekalongan Selatan"],
    ),
    "33.76": (["RSUD Kardinah"], ["Tegal Barat", "Tegal Timur", "Tegal Selatan", "Margadana"]),
}

HOSPITAL_UNITS = ["Instalasi Rawat Jalan", "Instalasi Gawat Darurat", "Instalasi Rawat Inap"]


def _abbreviation(prefix: str, name: str) -> str:
    letters = "".join(ch for ch in name.upper() if ch.isalnum())
    return f"{prefix}-{letters}"[:40]


def _agency(region: Region, abbreviation: str, name: str, type_: str, **extra: object) -> Agency:
    agency, _created = Agency.objects.get_or_create(
        region=region,
        abbreviation=abbreviation,
        defaults={"name": name, "type": type_, **extra},
    )
    return agency


def _unit(agency: Agency, name: str) -> None:
    ServiceUnit.objects.get_or_create(agency=agency, name=name)


def seed(stdout: object) -> None:
    province = Region.objects.get(code=settings.SATU_HOME_REGION_CODE)
    for region in province.children.order_by("code"):
        hospitals, districts = LOCAL_DETAILS.get(region.code, ([], []))
        created = {}
        for abbreviation, name, type_ in LOCAL_AGENCIES:
            created[abbreviation] = _agency(region, abbreviation, f"{name} {region.name}", type_)
        setda = created["SETDA"]
        for hospital in hospitals:
            agency = _agency(
                region,
                _abbreviation("RSUD", hospital.removeprefix("RSUD ")),
                hospital,
                AgencyType.RSUD,
                location=region.short_name,
            )
            for unit in HOSPITAL_UNITS:
                _unit(agency, unit)
        for district in districts:
            kecamatan = _agency(
                region,
                _abbreviation("KEC", district),
                f"Kecamatan {district}",
                AgencyType.KECAMATAN,
                parent=setda,
            )
            _unit(kecamatan, f"Pelayanan Administrasi Terpadu Kecamatan (PATEN) {district}")
        for district in districts[:2]:
            _unit(created["DINKES"], f"Puskesmas {district}")
        _unit(created["DPMPTSP"], "Mal Pelayanan Publik")
        _unit(created["DISDUKCAPIL"], "Loket Pelayanan Administrasi Kependudukan")
        _unit(created["DISHUB"], "Unit Pengujian Kendaraan Bermotor")
    for agency in Agency.objects.filter(
        region=province, type__in=[AgencyType.RSUD, AgencyType.RSJD]
    ):
        for unit in HOSPITAL_UNITS:
            _unit(agency, unit)
    provincial = {a.abbreviation: a for a in Agency.objects.filter(region=province)}
    if "DPMPTSP" in provincial:
        _unit(provincial["DPMPTSP"], "Loket Perizinan Terpadu Provinsi")
    if "BAPENDA" in provincial:
        _unit(provincial["BAPENDA"], "Samsat Semarang I")
        _unit(provincial["BAPENDA"], "Samsat Surakarta")
    total = Agency.objects.in_region(province).count()
    stdout.write(f"Agencies in {province.name}: {total}")  # type: ignore[attr-defined]
