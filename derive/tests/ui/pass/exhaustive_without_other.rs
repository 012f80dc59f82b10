use ayrshare_errors::{Code, FromCode};

// Every catalog code mapped and no fallback: the derive implements
// `TryFrom<Code>`, which fails for codes the catalog does not know.
#[derive(FromCode, Debug, PartialEq)]
enum Every {
    #[code(107)]
    C107,
    #[code(110)]
    C110,
    #[code(138)]
    C138,
    #[code(161)]
    C161,
    #[code(176)]
    C176,
    #[code(258)]
    C258,
    #[code(272)]
    C272,
    #[code(288)]
    C288,
    #[code(307)]
    C307,
    #[code(326)]
    C326,
    #[code(331)]
    C331,
    #[code(379)]
    C379,
    #[code(416)]
    C416,
    #[code(417)]
    C417,
    #[code(419)]
    C419,
    #[code(423)]
    C423,
    #[code(435)]
    C435,
    #[code(436)]
    C436,
    #[code(438)]
    C438,
    #[code(440)]
    C440,
    #[code(441)]
    C441,
    #[code(442)]
    C442,
    #[code(443)]
    C443,
    #[code(444)]
    C444,
    #[code(447)]
    C447,
    #[code(448)]
    C448,
    #[code(449)]
    C449,
    #[code(450)]
    C450,
    #[code(451)]
    C451,
    #[code(452)]
    C452,
    #[code(453)]
    C453,
    #[code(454)]
    C454,
    #[code(475)]
    C475,
}

fn main() {
    assert_eq!(Every::try_from(Code::from(435)), Ok(Every::C435));
    assert_eq!(Every::try_from(Code::from(999)), Err(Code::from(999)));
    assert_eq!(Every::from(ayrshare_errors::ErrorCode::InstagramRateLimit), Every::C435);
}
