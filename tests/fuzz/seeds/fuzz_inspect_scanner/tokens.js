var t="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",n="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";
const JWT_SECRET="Zq8Lr2Wx9Tn4Yb7Kc1Vm6Hd3";
u="postgres://a:Xy7Qw2Er9Ty@db/x";
