/* 300 functions, so that a unit that includes this has more than 256
   sites (rt_forms_wide: the trap's 16-bit site index, trap.h TF__WIDE). */
int wide_fill0(int x);
int wide_fill0(int x) { return x + 0; }
int wide_fill1(int x);
int wide_fill1(int x) { return x + 1; }
int wide_fill2(int x);
int wide_fill2(int x) { return x + 2; }
int wide_fill3(int x);
int wide_fill3(int x) { return x + 3; }
int wide_fill4(int x);
int wide_fill4(int x) { return x + 4; }
int wide_fill5(int x);
int wide_fill5(int x) { return x + 5; }
int wide_fill6(int x);
int wide_fill6(int x) { return x + 6; }
int wide_fill7(int x);
int wide_fill7(int x) { return x + 7; }
int wide_fill8(int x);
int wide_fill8(int x) { return x + 8; }
int wide_fill9(int x);
int wide_fill9(int x) { return x + 9; }
int wide_fill10(int x);
int wide_fill10(int x) { return x + 10; }
int wide_fill11(int x);
int wide_fill11(int x) { return x + 11; }
int wide_fill12(int x);
int wide_fill12(int x) { return x + 12; }
int wide_fill13(int x);
int wide_fill13(int x) { return x + 13; }
int wide_fill14(int x);
int wide_fill14(int x) { return x + 14; }
int wide_fill15(int x);
int wide_fill15(int x) { return x + 15; }
int wide_fill16(int x);
int wide_fill16(int x) { return x + 16; }
int wide_fill17(int x);
int wide_fill17(int x) { return x + 17; }
int wide_fill18(int x);
int wide_fill18(int x) { return x + 18; }
int wide_fill19(int x);
int wide_fill19(int x) { return x + 19; }
int wide_fill20(int x);
int wide_fill20(int x) { return x + 20; }
int wide_fill21(int x);
int wide_fill21(int x) { return x + 21; }
int wide_fill22(int x);
int wide_fill22(int x) { return x + 22; }
int wide_fill23(int x);
int wide_fill23(int x) { return x + 23; }
int wide_fill24(int x);
int wide_fill24(int x) { return x + 24; }
int wide_fill25(int x);
int wide_fill25(int x) { return x + 25; }
int wide_fill26(int x);
int wide_fill26(int x) { return x + 26; }
int wide_fill27(int x);
int wide_fill27(int x) { return x + 27; }
int wide_fill28(int x);
int wide_fill28(int x) { return x + 28; }
int wide_fill29(int x);
int wide_fill29(int x) { return x + 29; }
int wide_fill30(int x);
int wide_fill30(int x) { return x + 30; }
int wide_fill31(int x);
int wide_fill31(int x) { return x + 31; }
int wide_fill32(int x);
int wide_fill32(int x) { return x + 32; }
int wide_fill33(int x);
int wide_fill33(int x) { return x + 33; }
int wide_fill34(int x);
int wide_fill34(int x) { return x + 34; }
int wide_fill35(int x);
int wide_fill35(int x) { return x + 35; }
int wide_fill36(int x);
int wide_fill36(int x) { return x + 36; }
int wide_fill37(int x);
int wide_fill37(int x) { return x + 37; }
int wide_fill38(int x);
int wide_fill38(int x) { return x + 38; }
int wide_fill39(int x);
int wide_fill39(int x) { return x + 39; }
int wide_fill40(int x);
int wide_fill40(int x) { return x + 40; }
int wide_fill41(int x);
int wide_fill41(int x) { return x + 41; }
int wide_fill42(int x);
int wide_fill42(int x) { return x + 42; }
int wide_fill43(int x);
int wide_fill43(int x) { return x + 43; }
int wide_fill44(int x);
int wide_fill44(int x) { return x + 44; }
int wide_fill45(int x);
int wide_fill45(int x) { return x + 45; }
int wide_fill46(int x);
int wide_fill46(int x) { return x + 46; }
int wide_fill47(int x);
int wide_fill47(int x) { return x + 47; }
int wide_fill48(int x);
int wide_fill48(int x) { return x + 48; }
int wide_fill49(int x);
int wide_fill49(int x) { return x + 49; }
int wide_fill50(int x);
int wide_fill50(int x) { return x + 50; }
int wide_fill51(int x);
int wide_fill51(int x) { return x + 51; }
int wide_fill52(int x);
int wide_fill52(int x) { return x + 52; }
int wide_fill53(int x);
int wide_fill53(int x) { return x + 53; }
int wide_fill54(int x);
int wide_fill54(int x) { return x + 54; }
int wide_fill55(int x);
int wide_fill55(int x) { return x + 55; }
int wide_fill56(int x);
int wide_fill56(int x) { return x + 56; }
int wide_fill57(int x);
int wide_fill57(int x) { return x + 57; }
int wide_fill58(int x);
int wide_fill58(int x) { return x + 58; }
int wide_fill59(int x);
int wide_fill59(int x) { return x + 59; }
int wide_fill60(int x);
int wide_fill60(int x) { return x + 60; }
int wide_fill61(int x);
int wide_fill61(int x) { return x + 61; }
int wide_fill62(int x);
int wide_fill62(int x) { return x + 62; }
int wide_fill63(int x);
int wide_fill63(int x) { return x + 63; }
int wide_fill64(int x);
int wide_fill64(int x) { return x + 64; }
int wide_fill65(int x);
int wide_fill65(int x) { return x + 65; }
int wide_fill66(int x);
int wide_fill66(int x) { return x + 66; }
int wide_fill67(int x);
int wide_fill67(int x) { return x + 67; }
int wide_fill68(int x);
int wide_fill68(int x) { return x + 68; }
int wide_fill69(int x);
int wide_fill69(int x) { return x + 69; }
int wide_fill70(int x);
int wide_fill70(int x) { return x + 70; }
int wide_fill71(int x);
int wide_fill71(int x) { return x + 71; }
int wide_fill72(int x);
int wide_fill72(int x) { return x + 72; }
int wide_fill73(int x);
int wide_fill73(int x) { return x + 73; }
int wide_fill74(int x);
int wide_fill74(int x) { return x + 74; }
int wide_fill75(int x);
int wide_fill75(int x) { return x + 75; }
int wide_fill76(int x);
int wide_fill76(int x) { return x + 76; }
int wide_fill77(int x);
int wide_fill77(int x) { return x + 77; }
int wide_fill78(int x);
int wide_fill78(int x) { return x + 78; }
int wide_fill79(int x);
int wide_fill79(int x) { return x + 79; }
int wide_fill80(int x);
int wide_fill80(int x) { return x + 80; }
int wide_fill81(int x);
int wide_fill81(int x) { return x + 81; }
int wide_fill82(int x);
int wide_fill82(int x) { return x + 82; }
int wide_fill83(int x);
int wide_fill83(int x) { return x + 83; }
int wide_fill84(int x);
int wide_fill84(int x) { return x + 84; }
int wide_fill85(int x);
int wide_fill85(int x) { return x + 85; }
int wide_fill86(int x);
int wide_fill86(int x) { return x + 86; }
int wide_fill87(int x);
int wide_fill87(int x) { return x + 87; }
int wide_fill88(int x);
int wide_fill88(int x) { return x + 88; }
int wide_fill89(int x);
int wide_fill89(int x) { return x + 89; }
int wide_fill90(int x);
int wide_fill90(int x) { return x + 90; }
int wide_fill91(int x);
int wide_fill91(int x) { return x + 91; }
int wide_fill92(int x);
int wide_fill92(int x) { return x + 92; }
int wide_fill93(int x);
int wide_fill93(int x) { return x + 93; }
int wide_fill94(int x);
int wide_fill94(int x) { return x + 94; }
int wide_fill95(int x);
int wide_fill95(int x) { return x + 95; }
int wide_fill96(int x);
int wide_fill96(int x) { return x + 96; }
int wide_fill97(int x);
int wide_fill97(int x) { return x + 97; }
int wide_fill98(int x);
int wide_fill98(int x) { return x + 98; }
int wide_fill99(int x);
int wide_fill99(int x) { return x + 99; }
int wide_fill100(int x);
int wide_fill100(int x) { return x + 100; }
int wide_fill101(int x);
int wide_fill101(int x) { return x + 101; }
int wide_fill102(int x);
int wide_fill102(int x) { return x + 102; }
int wide_fill103(int x);
int wide_fill103(int x) { return x + 103; }
int wide_fill104(int x);
int wide_fill104(int x) { return x + 104; }
int wide_fill105(int x);
int wide_fill105(int x) { return x + 105; }
int wide_fill106(int x);
int wide_fill106(int x) { return x + 106; }
int wide_fill107(int x);
int wide_fill107(int x) { return x + 107; }
int wide_fill108(int x);
int wide_fill108(int x) { return x + 108; }
int wide_fill109(int x);
int wide_fill109(int x) { return x + 109; }
int wide_fill110(int x);
int wide_fill110(int x) { return x + 110; }
int wide_fill111(int x);
int wide_fill111(int x) { return x + 111; }
int wide_fill112(int x);
int wide_fill112(int x) { return x + 112; }
int wide_fill113(int x);
int wide_fill113(int x) { return x + 113; }
int wide_fill114(int x);
int wide_fill114(int x) { return x + 114; }
int wide_fill115(int x);
int wide_fill115(int x) { return x + 115; }
int wide_fill116(int x);
int wide_fill116(int x) { return x + 116; }
int wide_fill117(int x);
int wide_fill117(int x) { return x + 117; }
int wide_fill118(int x);
int wide_fill118(int x) { return x + 118; }
int wide_fill119(int x);
int wide_fill119(int x) { return x + 119; }
int wide_fill120(int x);
int wide_fill120(int x) { return x + 120; }
int wide_fill121(int x);
int wide_fill121(int x) { return x + 121; }
int wide_fill122(int x);
int wide_fill122(int x) { return x + 122; }
int wide_fill123(int x);
int wide_fill123(int x) { return x + 123; }
int wide_fill124(int x);
int wide_fill124(int x) { return x + 124; }
int wide_fill125(int x);
int wide_fill125(int x) { return x + 125; }
int wide_fill126(int x);
int wide_fill126(int x) { return x + 126; }
int wide_fill127(int x);
int wide_fill127(int x) { return x + 127; }
int wide_fill128(int x);
int wide_fill128(int x) { return x + 128; }
int wide_fill129(int x);
int wide_fill129(int x) { return x + 129; }
int wide_fill130(int x);
int wide_fill130(int x) { return x + 130; }
int wide_fill131(int x);
int wide_fill131(int x) { return x + 131; }
int wide_fill132(int x);
int wide_fill132(int x) { return x + 132; }
int wide_fill133(int x);
int wide_fill133(int x) { return x + 133; }
int wide_fill134(int x);
int wide_fill134(int x) { return x + 134; }
int wide_fill135(int x);
int wide_fill135(int x) { return x + 135; }
int wide_fill136(int x);
int wide_fill136(int x) { return x + 136; }
int wide_fill137(int x);
int wide_fill137(int x) { return x + 137; }
int wide_fill138(int x);
int wide_fill138(int x) { return x + 138; }
int wide_fill139(int x);
int wide_fill139(int x) { return x + 139; }
int wide_fill140(int x);
int wide_fill140(int x) { return x + 140; }
int wide_fill141(int x);
int wide_fill141(int x) { return x + 141; }
int wide_fill142(int x);
int wide_fill142(int x) { return x + 142; }
int wide_fill143(int x);
int wide_fill143(int x) { return x + 143; }
int wide_fill144(int x);
int wide_fill144(int x) { return x + 144; }
int wide_fill145(int x);
int wide_fill145(int x) { return x + 145; }
int wide_fill146(int x);
int wide_fill146(int x) { return x + 146; }
int wide_fill147(int x);
int wide_fill147(int x) { return x + 147; }
int wide_fill148(int x);
int wide_fill148(int x) { return x + 148; }
int wide_fill149(int x);
int wide_fill149(int x) { return x + 149; }
int wide_fill150(int x);
int wide_fill150(int x) { return x + 150; }
int wide_fill151(int x);
int wide_fill151(int x) { return x + 151; }
int wide_fill152(int x);
int wide_fill152(int x) { return x + 152; }
int wide_fill153(int x);
int wide_fill153(int x) { return x + 153; }
int wide_fill154(int x);
int wide_fill154(int x) { return x + 154; }
int wide_fill155(int x);
int wide_fill155(int x) { return x + 155; }
int wide_fill156(int x);
int wide_fill156(int x) { return x + 156; }
int wide_fill157(int x);
int wide_fill157(int x) { return x + 157; }
int wide_fill158(int x);
int wide_fill158(int x) { return x + 158; }
int wide_fill159(int x);
int wide_fill159(int x) { return x + 159; }
int wide_fill160(int x);
int wide_fill160(int x) { return x + 160; }
int wide_fill161(int x);
int wide_fill161(int x) { return x + 161; }
int wide_fill162(int x);
int wide_fill162(int x) { return x + 162; }
int wide_fill163(int x);
int wide_fill163(int x) { return x + 163; }
int wide_fill164(int x);
int wide_fill164(int x) { return x + 164; }
int wide_fill165(int x);
int wide_fill165(int x) { return x + 165; }
int wide_fill166(int x);
int wide_fill166(int x) { return x + 166; }
int wide_fill167(int x);
int wide_fill167(int x) { return x + 167; }
int wide_fill168(int x);
int wide_fill168(int x) { return x + 168; }
int wide_fill169(int x);
int wide_fill169(int x) { return x + 169; }
int wide_fill170(int x);
int wide_fill170(int x) { return x + 170; }
int wide_fill171(int x);
int wide_fill171(int x) { return x + 171; }
int wide_fill172(int x);
int wide_fill172(int x) { return x + 172; }
int wide_fill173(int x);
int wide_fill173(int x) { return x + 173; }
int wide_fill174(int x);
int wide_fill174(int x) { return x + 174; }
int wide_fill175(int x);
int wide_fill175(int x) { return x + 175; }
int wide_fill176(int x);
int wide_fill176(int x) { return x + 176; }
int wide_fill177(int x);
int wide_fill177(int x) { return x + 177; }
int wide_fill178(int x);
int wide_fill178(int x) { return x + 178; }
int wide_fill179(int x);
int wide_fill179(int x) { return x + 179; }
int wide_fill180(int x);
int wide_fill180(int x) { return x + 180; }
int wide_fill181(int x);
int wide_fill181(int x) { return x + 181; }
int wide_fill182(int x);
int wide_fill182(int x) { return x + 182; }
int wide_fill183(int x);
int wide_fill183(int x) { return x + 183; }
int wide_fill184(int x);
int wide_fill184(int x) { return x + 184; }
int wide_fill185(int x);
int wide_fill185(int x) { return x + 185; }
int wide_fill186(int x);
int wide_fill186(int x) { return x + 186; }
int wide_fill187(int x);
int wide_fill187(int x) { return x + 187; }
int wide_fill188(int x);
int wide_fill188(int x) { return x + 188; }
int wide_fill189(int x);
int wide_fill189(int x) { return x + 189; }
int wide_fill190(int x);
int wide_fill190(int x) { return x + 190; }
int wide_fill191(int x);
int wide_fill191(int x) { return x + 191; }
int wide_fill192(int x);
int wide_fill192(int x) { return x + 192; }
int wide_fill193(int x);
int wide_fill193(int x) { return x + 193; }
int wide_fill194(int x);
int wide_fill194(int x) { return x + 194; }
int wide_fill195(int x);
int wide_fill195(int x) { return x + 195; }
int wide_fill196(int x);
int wide_fill196(int x) { return x + 196; }
int wide_fill197(int x);
int wide_fill197(int x) { return x + 197; }
int wide_fill198(int x);
int wide_fill198(int x) { return x + 198; }
int wide_fill199(int x);
int wide_fill199(int x) { return x + 199; }
int wide_fill200(int x);
int wide_fill200(int x) { return x + 200; }
int wide_fill201(int x);
int wide_fill201(int x) { return x + 201; }
int wide_fill202(int x);
int wide_fill202(int x) { return x + 202; }
int wide_fill203(int x);
int wide_fill203(int x) { return x + 203; }
int wide_fill204(int x);
int wide_fill204(int x) { return x + 204; }
int wide_fill205(int x);
int wide_fill205(int x) { return x + 205; }
int wide_fill206(int x);
int wide_fill206(int x) { return x + 206; }
int wide_fill207(int x);
int wide_fill207(int x) { return x + 207; }
int wide_fill208(int x);
int wide_fill208(int x) { return x + 208; }
int wide_fill209(int x);
int wide_fill209(int x) { return x + 209; }
int wide_fill210(int x);
int wide_fill210(int x) { return x + 210; }
int wide_fill211(int x);
int wide_fill211(int x) { return x + 211; }
int wide_fill212(int x);
int wide_fill212(int x) { return x + 212; }
int wide_fill213(int x);
int wide_fill213(int x) { return x + 213; }
int wide_fill214(int x);
int wide_fill214(int x) { return x + 214; }
int wide_fill215(int x);
int wide_fill215(int x) { return x + 215; }
int wide_fill216(int x);
int wide_fill216(int x) { return x + 216; }
int wide_fill217(int x);
int wide_fill217(int x) { return x + 217; }
int wide_fill218(int x);
int wide_fill218(int x) { return x + 218; }
int wide_fill219(int x);
int wide_fill219(int x) { return x + 219; }
int wide_fill220(int x);
int wide_fill220(int x) { return x + 220; }
int wide_fill221(int x);
int wide_fill221(int x) { return x + 221; }
int wide_fill222(int x);
int wide_fill222(int x) { return x + 222; }
int wide_fill223(int x);
int wide_fill223(int x) { return x + 223; }
int wide_fill224(int x);
int wide_fill224(int x) { return x + 224; }
int wide_fill225(int x);
int wide_fill225(int x) { return x + 225; }
int wide_fill226(int x);
int wide_fill226(int x) { return x + 226; }
int wide_fill227(int x);
int wide_fill227(int x) { return x + 227; }
int wide_fill228(int x);
int wide_fill228(int x) { return x + 228; }
int wide_fill229(int x);
int wide_fill229(int x) { return x + 229; }
int wide_fill230(int x);
int wide_fill230(int x) { return x + 230; }
int wide_fill231(int x);
int wide_fill231(int x) { return x + 231; }
int wide_fill232(int x);
int wide_fill232(int x) { return x + 232; }
int wide_fill233(int x);
int wide_fill233(int x) { return x + 233; }
int wide_fill234(int x);
int wide_fill234(int x) { return x + 234; }
int wide_fill235(int x);
int wide_fill235(int x) { return x + 235; }
int wide_fill236(int x);
int wide_fill236(int x) { return x + 236; }
int wide_fill237(int x);
int wide_fill237(int x) { return x + 237; }
int wide_fill238(int x);
int wide_fill238(int x) { return x + 238; }
int wide_fill239(int x);
int wide_fill239(int x) { return x + 239; }
int wide_fill240(int x);
int wide_fill240(int x) { return x + 240; }
int wide_fill241(int x);
int wide_fill241(int x) { return x + 241; }
int wide_fill242(int x);
int wide_fill242(int x) { return x + 242; }
int wide_fill243(int x);
int wide_fill243(int x) { return x + 243; }
int wide_fill244(int x);
int wide_fill244(int x) { return x + 244; }
int wide_fill245(int x);
int wide_fill245(int x) { return x + 245; }
int wide_fill246(int x);
int wide_fill246(int x) { return x + 246; }
int wide_fill247(int x);
int wide_fill247(int x) { return x + 247; }
int wide_fill248(int x);
int wide_fill248(int x) { return x + 248; }
int wide_fill249(int x);
int wide_fill249(int x) { return x + 249; }
int wide_fill250(int x);
int wide_fill250(int x) { return x + 250; }
int wide_fill251(int x);
int wide_fill251(int x) { return x + 251; }
int wide_fill252(int x);
int wide_fill252(int x) { return x + 252; }
int wide_fill253(int x);
int wide_fill253(int x) { return x + 253; }
int wide_fill254(int x);
int wide_fill254(int x) { return x + 254; }
int wide_fill255(int x);
int wide_fill255(int x) { return x + 255; }
int wide_fill256(int x);
int wide_fill256(int x) { return x + 256; }
int wide_fill257(int x);
int wide_fill257(int x) { return x + 257; }
int wide_fill258(int x);
int wide_fill258(int x) { return x + 258; }
int wide_fill259(int x);
int wide_fill259(int x) { return x + 259; }
int wide_fill260(int x);
int wide_fill260(int x) { return x + 260; }
int wide_fill261(int x);
int wide_fill261(int x) { return x + 261; }
int wide_fill262(int x);
int wide_fill262(int x) { return x + 262; }
int wide_fill263(int x);
int wide_fill263(int x) { return x + 263; }
int wide_fill264(int x);
int wide_fill264(int x) { return x + 264; }
int wide_fill265(int x);
int wide_fill265(int x) { return x + 265; }
int wide_fill266(int x);
int wide_fill266(int x) { return x + 266; }
int wide_fill267(int x);
int wide_fill267(int x) { return x + 267; }
int wide_fill268(int x);
int wide_fill268(int x) { return x + 268; }
int wide_fill269(int x);
int wide_fill269(int x) { return x + 269; }
int wide_fill270(int x);
int wide_fill270(int x) { return x + 270; }
int wide_fill271(int x);
int wide_fill271(int x) { return x + 271; }
int wide_fill272(int x);
int wide_fill272(int x) { return x + 272; }
int wide_fill273(int x);
int wide_fill273(int x) { return x + 273; }
int wide_fill274(int x);
int wide_fill274(int x) { return x + 274; }
int wide_fill275(int x);
int wide_fill275(int x) { return x + 275; }
int wide_fill276(int x);
int wide_fill276(int x) { return x + 276; }
int wide_fill277(int x);
int wide_fill277(int x) { return x + 277; }
int wide_fill278(int x);
int wide_fill278(int x) { return x + 278; }
int wide_fill279(int x);
int wide_fill279(int x) { return x + 279; }
int wide_fill280(int x);
int wide_fill280(int x) { return x + 280; }
int wide_fill281(int x);
int wide_fill281(int x) { return x + 281; }
int wide_fill282(int x);
int wide_fill282(int x) { return x + 282; }
int wide_fill283(int x);
int wide_fill283(int x) { return x + 283; }
int wide_fill284(int x);
int wide_fill284(int x) { return x + 284; }
int wide_fill285(int x);
int wide_fill285(int x) { return x + 285; }
int wide_fill286(int x);
int wide_fill286(int x) { return x + 286; }
int wide_fill287(int x);
int wide_fill287(int x) { return x + 287; }
int wide_fill288(int x);
int wide_fill288(int x) { return x + 288; }
int wide_fill289(int x);
int wide_fill289(int x) { return x + 289; }
int wide_fill290(int x);
int wide_fill290(int x) { return x + 290; }
int wide_fill291(int x);
int wide_fill291(int x) { return x + 291; }
int wide_fill292(int x);
int wide_fill292(int x) { return x + 292; }
int wide_fill293(int x);
int wide_fill293(int x) { return x + 293; }
int wide_fill294(int x);
int wide_fill294(int x) { return x + 294; }
int wide_fill295(int x);
int wide_fill295(int x) { return x + 295; }
int wide_fill296(int x);
int wide_fill296(int x) { return x + 296; }
int wide_fill297(int x);
int wide_fill297(int x) { return x + 297; }
int wide_fill298(int x);
int wide_fill298(int x) { return x + 298; }
int wide_fill299(int x);
int wide_fill299(int x) { return x + 299; }
