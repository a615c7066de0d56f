/**
 * Common English given names and the short forms people sign with. A lone word at the end of a
 * message ("Bert", "Diane") is a signature when it is one of these; a lone capitalised word that
 * is not ("Enjoy", "Attachments") is not.
 */
const NAMES = `
aaron abby abigail adam adrian aidan al alan albert alex alexander alexandra alexis alice alicia alison allan
allen allison alyssa amanda amber amy ana andre andrea andrew andy angela angie anita ann anna anne annie anthony
april arthur ashley audrey austin barb barbara barry bart becky ben benjamin bernard bert beth betsy betty beverly
bill billy bob bobby bonnie brad bradley brandon brenda brent brett brian bridget brittany brooke bruce bryan
buck caleb cameron camille cara carl carla carlos carmen carol carole caroline carolyn carrie casey catherine
cathy cecil chad charles charlie charlotte chelsea cheryl chris christian christina christine christopher chuck
cindy claire clara clark claude clay clayton clint cody colin colleen connie courtney craig crystal curt curtis
cynthia dale dan dana daniel danielle danny darlene darrell darren dave david dawn dean debbie deborah debra denise
dennis derek diana diane dick dolores don donald donna doris dorothy doug douglas drew dustin dwight earl ed eddie
edith edward eileen elaine eleanor elena eli elizabeth ellen emily emma eric erica erik erin ernest ethan eugene
eva evan evelyn faith fernando florence frances francis frank fred frederick gail gary gene geoff geoffrey george
gerald geraldine gina glen glenn gloria grace greg gregory gwen hank hannah harold harry hazel heather heidi helen
henry holly howard ian irene isaac jack jackie jacob jacqueline jake james jamie jan jane janet janice jared jason
jay jean jeff jeffrey jen jennifer jenny jeremy jerry jesse jessica jill jim jimmy jo joan joann joanne joe
joel john johnny jon jonathan jordan jose joseph josh joshua joy joyce juan judith judy julia julie justin karen
kate katherine kathleen kathryn kathy katie keith kelly ken kenneth kerry kevin kim kimberly kirk kristen kristin
kurt kyle larry laura lauren laurie lawrence lee leon leonard les leslie linda lindsay lisa lois lori lorraine
louis louise lucy luis luke lynn mandy marc marcia margaret maria marie marilyn mario marion mark marsha martha
martin marty mary matt matthew maureen max megan melanie melissa meredith michael michele michelle mike mildred
mitch molly monica nancy naomi natalie nathan neil nicholas nick nicole noah norma norman olivia oscar pam pamela
pat patricia patrick patty paul paula pauline peggy pete peter phil philip phillip phyllis rachel ralph randy ray
raymond rebecca regina renee rhonda rich richard rick rita rob robert roberta robin rod rodney roger ron ronald
rosa rose ross roy ruby russ russell ruth ryan sally sam samantha samuel sandra sandy sara sarah scott sean seth
shane shannon sharon shawn sheila shelley sherry shirley stacy stan stanley stella stephanie stephen steve steven
sue susan suzanne sylvia tammy tara ted teresa terri terry theresa thomas tim timothy tina todd tom tommy tony
tracy travis trevor troy tyler valerie vanessa vera vicki vicky victor victoria vince vincent virginia walter wanda
warren wayne wendy will william willie yolanda zach zachary
`;

export const GIVEN_NAMES: ReadonlySet<string> = new Set(NAMES.split(/\s+/).filter(Boolean));
